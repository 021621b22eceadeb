"""Faster R-CNN R-50-FPN with "ResNet strikes back" (A1) ImageNet weights, 3x schedule (AdamW lr
2e-4, weight decay 0.05, none on norms), multi-scale training, 8 GPUs x 4 images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_faster_rcnn_r50_fpn_det.py',
    '../../../configs/_base_/datasets/bdd100k_det_mstrain.py',
    '../../../configs/_base_/schedules/bdd100k_det_3x.py',
    '../../../configs/_base_/runtimes/det.py',
]

rsb_weights = ('https://download.openmmlab.com/mmclassification/v0/resnet/'
               'resnet50_8xb256-rsb-a1-600e_in1k_20211228-20e21305.pth')
model = dict(backbone=dict(
    init_cfg=dict(type='Pretrained', prefix='backbone.', checkpoint=rsb_weights)))
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.0002, weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0., bypass_duplicate=True))
