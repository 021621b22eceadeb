"""Faster R-CNN R-101-FPN, 5x schedule, multi-scale training, 8 GPUs x 4 images.
"""
_base_ = './faster_rcnn_r50_fpn_5x_det_bdd100k.py'

model = dict(
    backbone=dict(depth=101,
                  init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet101')))
