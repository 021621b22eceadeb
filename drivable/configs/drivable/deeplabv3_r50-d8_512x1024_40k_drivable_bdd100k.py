"""DeepLabV3, R-50-D8: BDD100K drivable area, 512x1024 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 84.10 (val), 83.52 (test).
"""
_base_ = ['mmseg::_base_/models/deeplabv3_r50-d8.py',
          '../../../configs/_base_/recipes/drivable_40k.py']
model = _base_.drivable_model
