"""QDTrack, Faster R-CNN R-50-FPN, 12 epochs on BDD100K MOT: the published model (val mMOTA 36.6,
mIDF1 51.6, IDSw 6193).

The settings of the published model (SysCV/qdtrack, ``configs/bdd100k/qdtrack-frcnn_r50_fpn_12e_
bdd100k.py``, mmdet 2.x) in mmdet 3.3 terms: 8 classes; RPN box loss smooth L1 (beta 1/9); a
quasi-dense embedding head (4 convs + 1 fc, GN, 256-d embeddings, multi-positive cross entropy 0.25
and margin L2 0.1 losses; RoIs assigned at IoU 0.7/0.3, 256 sampled with IoU-balanced negatives);
the published tracker thresholds (init 0.7, object 0.3, match 0.5, 10 frames of tracklet memory,
1 of backdrops, momentum 0.8, bi-softmax matching within classes); ImageNet R-50 (torchvision);
data as in ``configs/_base_/datasets/bdd100k_box_track.py`` (box_track_20 + det_20 as one-frame
videos, reference frame within +-3, 1296x720, flip 0.5, 2 images x 8 GPUs); SGD lr 0.02, linear
warmup over 1000 iterations, steps at epochs 8 and 11; test score threshold 0.05, 100 boxes.
``BDD100KQDTrack`` is mmdet's QDTrack with its multi-class training bug (#11409) fixed.
"""
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50_fpn.py',
    '../../../configs/_base_/datasets/bdd100k_box_track.py',
    '../../../configs/_base_/runtimes/track.py',
]

detector = _base_.model
detector.pop('data_preprocessor')
detector.rpn_head.loss_bbox.update(dict(type='SmoothL1Loss', beta=1.0 / 9.0, loss_weight=1.0))
detector.roi_head.bbox_head.update(dict(num_classes=8))
del _base_.model

model = dict(
    type='BDD100KQDTrack',
    data_preprocessor=dict(
        type='TrackDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True,
        pad_size_divisor=32),
    detector=detector,
    track_head=dict(
        type='QuasiDenseTrackHead',
        roi_extractor=dict(
            type='SingleRoIExtractor',
            roi_layer=dict(type='RoIAlign', output_size=7, sampling_ratio=0),
            out_channels=256,
            featmap_strides=[4, 8, 16, 32]),
        embed_head=dict(
            type='QuasiDenseEmbedHead',
            num_convs=4,
            num_fcs=1,
            embed_channels=256,
            norm_cfg=dict(type='GN', num_groups=32),
            loss_track=dict(type='MultiPosCrossEntropyLoss', loss_weight=0.25),
            loss_track_aux=dict(type='MarginL2Loss', neg_pos_ub=3, pos_margin=0, neg_margin=0.1,
                                hard_mining=True, loss_weight=1.0)),
        train_cfg=dict(
            assigner=dict(type='MaxIoUAssigner', pos_iou_thr=0.7, neg_iou_thr=0.3, min_pos_iou=0.5,
                          match_low_quality=False, ignore_iof_thr=-1),
            sampler=dict(
                type='CombinedSampler',
                num=256,
                pos_fraction=0.5,
                neg_pos_ub=3,
                add_gt_as_proposals=True,
                pos_sampler=dict(type='InstanceBalancedPosSampler'),
                neg_sampler=dict(
                    type='IoUBalancedNegSampler', floor_thr=-1, floor_fraction=0, num_bins=3)))),
    tracker=dict(
        type='BDD100KQuasiDenseTracker',
        init_score_thr=0.7,
        obj_score_thr=0.3,
        match_score_thr=0.5,
        memo_tracklet_frames=10,
        memo_backdrop_frames=1,
        memo_momentum=0.8,
        nms_conf_thr=0.5,
        nms_backdrop_iou_thr=0.3,
        nms_class_iou_thr=0.7,
        with_cats=True,
        match_metric='bisoftmax'))

train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=12, val_interval=2)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    type='OptimWrapper', optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=1000),
    dict(type='MultiStepLR', by_epoch=True, begin=0, end=12, milestones=[8, 11], gamma=0.1),
]
# the learning rate is the one of 8 GPUs x 2 images
auto_scale_lr = dict(enable=False, base_batch_size=16)

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    visualization=dict(type='TrackVisualizationHook', draw=False))
visualizer = dict(
    type='TrackLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')], name='visualizer')
