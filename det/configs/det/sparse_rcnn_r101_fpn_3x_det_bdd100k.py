"""Sparse R-CNN R-101-FPN, 100 proposals, 3x schedule, multi-scale training, 8 GPUs x 4 images.
"""
_base_ = './sparse_rcnn_r50_fpn_3x_det_bdd100k.py'

model = dict(
    backbone=dict(depth=101,
                  init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet101')))
