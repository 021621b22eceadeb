"""Panoptic FPN R-50-FPN, 1x schedule, 1280x720, 8 GPUs x 2 images.

The published model: mmdet's Panoptic FPN (Mask R-CNN for the 10 thing classes, a semantic FPN head
for the 30 stuff classes, heuristic fusion) with the published test settings (score 0.6,
class-agnostic NMS 0.5, mask overlap 0.5, stuff area limit 4096); mmdet's 1x schedule (SGD lr 0.02,
12 epochs, steps at 8 and 11, 500 warmup iterations). The other pan_seg configs build on this one.
"""
_base_ = [
    'mmdet::_base_/models/mask-rcnn_r50_fpn.py',
    '../../../configs/_base_/datasets/bdd100k_pan_seg.py',
    'mmdet::_base_/schedules/schedule_1x.py',
    '../../../configs/_base_/runtimes/det.py',
]

model = dict(
    type='PanopticFPN',
    data_preprocessor=dict(pad_seg=True, seg_pad_value=255),
    roi_head=dict(bbox_head=dict(num_classes=10), mask_head=dict(num_classes=10)),
    semantic_head=dict(
        type='PanopticFPNHead',
        num_things_classes=10,
        num_stuff_classes=30,
        in_channels=256,
        inner_channels=128,
        start_level=0,
        end_level=4,
        norm_cfg=dict(type='GN', num_groups=32, requires_grad=True),
        conv_cfg=None,
        loss_seg=dict(type='CrossEntropyLoss', ignore_index=255, loss_weight=0.5)),
    panoptic_fusion_head=dict(
        type='HeuristicFusionHead', num_things_classes=10, num_stuff_classes=30),
    test_cfg=dict(
        rcnn=dict(score_thr=0.6, nms=dict(type='nms', iou_threshold=0.5, class_agnostic=True)),
        panoptic=dict(mask_overlap=0.5, stuff_area_limit=4096)))
