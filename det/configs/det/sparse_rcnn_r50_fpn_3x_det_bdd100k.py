"""Sparse R-CNN R-50-FPN, 100 proposals, 3x schedule (AdamW lr 2.5e-5, gradient clipping at 1,
steps at 27 and 33), multi-scale training, 8 GPUs x 4 images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_sparse_rcnn_r50_fpn_det.py',
    '../../../configs/_base_/datasets/bdd100k_det_mstrain.py',
    '../../../configs/_base_/schedules/bdd100k_det_3x.py',
    '../../../configs/_base_/runtimes/det.py',
]

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.000025, weight_decay=0.0001),
    clip_grad=dict(max_norm=1, norm_type=2))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=36, by_epoch=True, milestones=[27, 33], gamma=0.1),
]
