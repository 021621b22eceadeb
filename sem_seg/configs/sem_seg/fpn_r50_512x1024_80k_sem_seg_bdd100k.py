"""Semantic FPN, R-50-FPN: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8 GPUs
x 2 images.

Published: mIoU 60.36 (val), 52.92 (test).
"""
_base_ = [
    'mmseg::_base_/models/fpn_r50.py',
    '../../../configs/_base_/datasets/bdd100k_sem_seg.py',
    '../../../configs/_base_/runtimes/seg.py',
    '../../../configs/_base_/schedules/bdd100k_seg_80k.py',
]
model = dict(
    data_preprocessor=dict(size=_base_.crop_size))
