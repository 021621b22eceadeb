"""GCNet, R-50-D8: BDD100K semantic segmentation, 769x769 crops, 40K iterations, 8 GPUs x 2
images.

Published: mIoU 61.20 (val), 53.96 (test).
"""
_base_ = ['mmseg::_base_/models/gcnet_r50-d8.py',
          '../../../configs/_base_/recipes/sem_seg_769x769_40k.py']
model = _base_.slide_769x769
