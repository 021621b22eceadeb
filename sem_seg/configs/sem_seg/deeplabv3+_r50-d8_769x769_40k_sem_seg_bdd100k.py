"""DeepLabV3+, R-50-D8: BDD100K semantic segmentation, 769x769 crops, 40K iterations, 8 GPUs x 2
images.

Published: mIoU 61.22 (val), 55.61 (test).
"""
_base_ = ['mmseg::_base_/models/deeplabv3plus_r50-d8.py',
          '../../../configs/_base_/recipes/sem_seg_769x769_40k.py']
model = _base_.slide_769x769
