"""UPerNet, R-50-D8: BDD100K drivable area, 512x1024 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 82.13 (val), 81.74 (test).

The zoo names it R-50-D8; the published model (like the earlier config) is UPerNet on
an undilated ResNet-50-V1c (mmseg's ``upernet_r50``).
"""
_base_ = ['mmseg::_base_/models/upernet_r50.py',
          '../../../configs/_base_/recipes/drivable_40k.py']
model = _base_.drivable_model
