"""UPerNet, R-50-D8: BDD100K drivable area, 769x769 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 82.65 (val), 82.03 (test).

Named R-50-D8 as the 512x1024 model (``upernet_r50-d8_512x1024_40k_drivable_bdd100k.py``): mmseg's
``upernet_r50``, UPerNet on an undilated ResNet-50-V1c.
"""
_base_ = ['mmseg::_base_/models/upernet_r50.py',
          '../../../configs/_base_/recipes/drivable_769x769_40k.py']
model = _base_.slide_769x769
