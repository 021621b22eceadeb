"""FCOS R-50-FPN (caffe-style ResNet, GroupNorm head: the model of mmdet's
``fcos_r50-caffe_fpn_gn-head_1x_coco``, which mmdet ships only inside a COCO config) for the 10
BDD100K detection classes.
"""
_base_ = './bdd100k_r50_fpn_det_common.py'

# caffe-style ResNet (Detectron weights, BN frozen) on BGR images normalised by the caffe means
model = dict(
    type='FCOS',
    data_preprocessor=dict(mean=[102.9801, 115.9465, 122.7717], std=[1.0, 1.0, 1.0],
                           bgr_to_rgb=False),
    backbone=dict(
        norm_cfg=dict(requires_grad=False),
        style='caffe',
        init_cfg=dict(checkpoint='open-mmlab://detectron/resnet50_caffe')),
    neck=dict(relu_before_extra_convs=True),  # P6 from P5 (add_extra_convs='on_output')
    bbox_head=dict(
        type='FCOSHead',
        num_classes=10,
        in_channels=256,
        stacked_convs=4,
        feat_channels=256,
        strides=[8, 16, 32, 64, 128],
        loss_cls=dict(
            type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25, loss_weight=1.0),
        loss_bbox=dict(type='IoULoss', loss_weight=1.0),
        loss_centerness=dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=1.0)),
    test_cfg=dict(
        nms_pre=1000,
        min_bbox_size=0,
        score_thr=0.05,
        nms=dict(type='nms', iou_threshold=0.5),
        max_per_img=100))
