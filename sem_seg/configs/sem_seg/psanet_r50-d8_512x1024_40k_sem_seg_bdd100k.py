"""PSANet, R-50-D8: BDD100K semantic segmentation, 512x1024 crops, 40K iterations, 8 GPUs x 2
images.

Published: mIoU 61.41 (val), 54.56 (test).
"""
_base_ = ['mmseg::_base_/models/psanet_r50-d8.py',
          '../../../configs/_base_/recipes/sem_seg_40k.py']
model = dict(data_preprocessor=dict(size=_base_.crop_size))
