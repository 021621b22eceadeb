"""FCOS R-101-FPN (caffe-style ResNet, GN head), 3x schedule, multi-scale training, 8 GPUs x
4 images.
"""
_base_ = './fcos_r50_fpn_3x_det_bdd100k.py'

model = dict(backbone=dict(
    depth=101,
    init_cfg=dict(type='Pretrained', checkpoint='open-mmlab://detectron/resnet101_caffe')))
