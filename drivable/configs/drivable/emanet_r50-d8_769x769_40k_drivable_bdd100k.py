"""EMANet, R-50-D8: BDD100K drivable area, 769x769 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 82.18 (val), 81.36 (test).
"""
_base_ = ['mmseg::_base_/models/emanet_r50-d8.py',
          '../../../configs/_base_/recipes/drivable_769x769_40k.py']
model = _base_.slide_769x769
