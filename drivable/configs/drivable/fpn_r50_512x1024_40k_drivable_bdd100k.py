"""Semantic FPN, R-50-FPN: BDD100K drivable area, 512x1024 crops, 40K iterations, 8 GPUs x 2
images.

Published: mIoU 77.29 (val), 76.71 (test).
"""
_base_ = ['mmseg::_base_/models/fpn_r50.py',
          '../../../configs/_base_/recipes/drivable_40k.py']
model = _base_.drivable_model_no_aux
