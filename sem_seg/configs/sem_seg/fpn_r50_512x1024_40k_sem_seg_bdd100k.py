"""Semantic FPN, R-50-FPN: BDD100K semantic segmentation, 512x1024 crops, 40K iterations, 8 GPUs
x 2 images.

Published: mIoU 59.24 (val), 52.89 (test).
"""
_base_ = ['mmseg::_base_/models/fpn_r50.py',
          '../../../configs/_base_/recipes/sem_seg_40k.py']
model = dict(data_preprocessor=dict(size=_base_.crop_size))
