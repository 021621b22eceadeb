"""UPerNet, R-50-D8: BDD100K semantic segmentation, 512x1024 crops, 40K iterations, 8 GPUs x 2
images.

Published: mIoU 61.12 (val), 53.97 (test).

The zoo names it R-50-D8; the published model (like the earlier config) is UPerNet on
an undilated ResNet-50-V1c (mmseg's ``upernet_r50``).
"""
_base_ = ['mmseg::_base_/models/upernet_r50.py',
          '../../../configs/_base_/recipes/sem_seg_40k.py']
model = dict(data_preprocessor=dict(size=_base_.crop_size))
