"""APCNet, R-50-D8: BDD100K drivable area, 769x769 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 83.03 (val), 82.26 (test).
"""
_base_ = ['mmseg::_base_/models/apcnet_r50-d8.py',
          '../../../configs/_base_/recipes/drivable_769x769_40k.py']
model = _base_.slide_769x769
