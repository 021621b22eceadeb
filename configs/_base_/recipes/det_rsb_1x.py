"""``det_1x.py`` with the optimizer of the "ResNet strikes back" backbones: AdamW lr 2e-4, weight
decay 0.05, none on norms."""
_base_ = './det_1x.py'

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.0002, weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0., bypass_duplicate=True))
