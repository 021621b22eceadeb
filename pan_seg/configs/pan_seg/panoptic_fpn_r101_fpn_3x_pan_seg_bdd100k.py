"""Panoptic FPN R-101-FPN, 3x schedule, multi-scale training, 8 GPUs x 2 images.
"""
_base_ = './panoptic_fpn_r50_fpn_3x_pan_seg_bdd100k.py'

model = dict(
    backbone=dict(depth=101,
                  init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet101')))
