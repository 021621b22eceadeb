"""HRNet (FCN head), HRNet48: BDD100K semantic segmentation, 512x1024 crops, 40K iterations, 8
GPUs x 2 images.

Published: mIoU 63.37 (val), 56.01 (test).
"""
_base_ = ['mmseg::_base_/models/fcn_hr18.py',
          '../../../configs/_base_/recipes/sem_seg_40k.py']
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    pretrained='open-mmlab://msra/hrnetv2_w48',
    backbone=dict(
        extra=dict(
            stage2=dict(num_channels=(48, 96)),
            stage3=dict(num_channels=(48, 96, 192)),
            stage4=dict(num_channels=(48, 96, 192, 384)))),
    decode_head=dict(in_channels=[48, 96, 192, 384], channels=sum([48, 96, 192, 384])))
