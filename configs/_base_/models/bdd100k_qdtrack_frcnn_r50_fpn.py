"""QDTrack on Faster R-CNN R-50-FPN for the 8 BDD100K tracking classes: the published model's
settings (SysCV/qdtrack, ``configs/bdd100k/qdtrack-frcnn_r50_fpn_12e_bdd100k.py``) in mmdet 3.3 terms.

mmdet's Faster R-CNN with the RPN box loss smooth L1 (beta 1/9) and 8 classes (``detector``); the
quasi-dense embedding head (4 convs + 1 fc, GN, 256-d embeddings, multi-positive cross entropy 0.25
and margin L2 0.1 losses; RoIs assigned at IoU 0.7/0.3, 256 sampled with IoU-balanced negatives);
the published tracker thresholds. ``BDD100KQDTrack`` is mmdet's QDTrack with its multi-class
training bug (#11409) fixed.
"""
_base_ = 'mmdet::_base_/models/faster-rcnn_r50_fpn.py'

detector = _base_.model
detector.rpn_head.loss_bbox.update(dict(type='SmoothL1Loss', beta=1.0 / 9.0, loss_weight=1.0))
detector.roi_head.bbox_head.update(dict(num_classes=8))
del _base_.model

model = dict(
    type='BDD100KQDTrack',
    # the detector's ImageNet normalisation, padding to a multiple of 32, on video frames
    data_preprocessor=dict(detector.pop('data_preprocessor'), type='TrackDataPreprocessor'),
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
