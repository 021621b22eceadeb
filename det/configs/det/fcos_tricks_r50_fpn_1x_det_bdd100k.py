"""FCOS R-50-FPN with the FCOS "tricks" (center sampling, normalized box targets, centerness on the
regression branch, GIoU loss, conv bias, NMS 0.6; detectron2 ImageNet weights), 1x schedule with
linear warmup and no gradient clipping, 8 GPUs x 4 images.

As published, the images keep the normalization of the plain FCOS model (mean 102.98/115.95/
122.77, std 1), not the detectron2 means mmdet uses with these weights.
"""
_base_ = './fcos_r50_fpn_1x_det_bdd100k.py'

model = dict(
    backbone=dict(
        init_cfg=dict(type='Pretrained', checkpoint='open-mmlab://detectron2/resnet50_caffe')),
    bbox_head=dict(
        norm_on_bbox=True,
        centerness_on_reg=True,
        dcn_on_last_conv=False,
        center_sampling=True,
        conv_bias=True,
        loss_bbox=dict(type='GIoULoss', loss_weight=1.0)),
    test_cfg=dict(nms=dict(type='nms', iou_threshold=0.6)))
optim_wrapper = dict(clip_grad=None)
param_scheduler = [
    dict(type='LinearLR', start_factor=1.0 / 3, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=12, by_epoch=True, milestones=[8, 11], gamma=0.1),
]
