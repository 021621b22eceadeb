"""``det_3x.py`` (multi-scale training) with the optimizer of ``det_rsb_1x.py``."""
_base_ = './det_3x.py'

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.0002, weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0., bypass_duplicate=True))
