"""Mask R-CNN R-101-FPN, 3x schedule, multi-scale training, 8 GPUs x 4 images with SGD lr 0.04.
"""
_base_ = './mask_rcnn_r50_fpn_3x_32bs_ins_seg_bdd100k.py'

model = dict(
    backbone=dict(depth=101,
                  init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet101')))
