"""ATSS R-101-FPN with 6 DyHead blocks, 3x schedule (SGD lr 0.02), multi-scale training, 8 GPUs
x 4 images.
"""
_base_ = './atss_r50_fpn_dyhead_3x_det_bdd100k.py'

model = dict(
    backbone=dict(depth=101,
                  init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet101')))
