"""Semantic FPN, R-50-FPN, GroupNorm head: BDD100K drivable area, 512x1024 crops, 40K iterations,
8 GPUs x 2 images.

Published: mIoU 81.30 (val), 80.85 (test).
"""
_base_ = [
    'mmseg::_base_/models/fpn_r50.py',
    '../../../configs/_base_/datasets/bdd100k_drivable.py',
    '../../../configs/_base_/runtimes/seg.py',
    '../../../configs/_base_/schedules/bdd100k_seg_40k.py',
]
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    decode_head=dict(num_classes=3, norm_cfg=dict(type='GN', num_groups=32, requires_grad=True)))
