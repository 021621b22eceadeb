"""``det_1x.py`` with the Sparse R-CNN optimizer: AdamW lr 2.5e-5, gradient clipping at 1."""
_base_ = './det_1x.py'

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.000025, weight_decay=0.0001),
    clip_grad=dict(max_norm=1, norm_type=2))
