"""``det_3x.py`` (multi-scale training) with the Sparse R-CNN optimizer of ``det_sparse_rcnn_1x.py``
and warmup over 500 iterations from 0.001x, steps at 27 and 33."""
_base_ = './det_3x.py'

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.000025, weight_decay=0.0001),
    clip_grad=dict(max_norm=1, norm_type=2))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=36, by_epoch=True, milestones=[27, 33], gamma=0.1),
]
