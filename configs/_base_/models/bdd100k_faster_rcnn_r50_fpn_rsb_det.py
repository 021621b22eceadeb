"""Faster R-CNN R-50-FPN initialised from the "ResNet strikes back" (A1) ImageNet weights."""
_base_ = './bdd100k_faster_rcnn_r50_fpn_det.py'

rsb_weights = ('https://download.openmmlab.com/mmclassification/v0/resnet/'
               'resnet50_8xb256-rsb-a1-600e_in1k_20211228-20e21305.pth')
model = dict(backbone=dict(
    init_cfg=dict(type='Pretrained', prefix='backbone.', checkpoint=rsb_weights)))
