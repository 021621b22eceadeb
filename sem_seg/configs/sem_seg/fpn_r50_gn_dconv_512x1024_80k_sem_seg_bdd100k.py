"""Semantic FPN, R-50-FPN, GroupNorm head, deformable convs (DCNv2) in the head: BDD100K semantic
segmentation, 512x1024 crops, 80K iterations, 8 GPUs x 2 images.

Published: mIoU 60.55 (val), 53.91 (test).
"""
_base_ = [
    'mmseg::_base_/models/fpn_r50.py',
    '../../../configs/_base_/datasets/bdd100k_sem_seg.py',
    '../../../configs/_base_/runtimes/seg.py',
    '../../../configs/_base_/schedules/bdd100k_seg_80k.py',
]
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    decode_head=dict(
        norm_cfg=dict(type='GN', num_groups=32, requires_grad=True),
        conv_cfg=dict(type='DCNv2')))
