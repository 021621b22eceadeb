"""QDTrack with a mask head (Mask R-CNN), sized for a CPU, on the generated sample's seg_track_20
videos: the first stage of the published PCAN pipeline, made small. Not a published model.

The CPU-sized QDTrack of ``mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py`` plus an FCN
mask head (4 convs, 14x14 RoIAlign, 28x28 masks, 8 classes), trained on the seg_track_20 videos and
the ins_seg images (as one-frame videos) of the sample, scored with the official MOTS metric
(``BDD100KSegTrackMetric``: RLE predictions, bitmask submission). The tracker keeps each tracked
detection's mask.

    OMP_NUM_THREADS=1 python tools/train.py mots/configs/mots/qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py \
        --data-root data/bdd100k_sample --work-dir work_dirs/qdtrack_mots_sample
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_qdtrack_frcnn_r18_fpn_small.py',
    '../../../configs/_base_/recipes/seg_track_sample_1k.py',
]
channels = _base_.channels

model = dict(
    detector=dict(
        roi_head=dict(
            mask_roi_extractor=dict(
                type='SingleRoIExtractor',
                roi_layer=dict(type='RoIAlign', output_size=14, sampling_ratio=0),
                out_channels=channels,
                featmap_strides=[4, 8, 16, 32]),
            mask_head=dict(
                type='FCNMaskHead',
                num_convs=4,
                in_channels=channels,
                conv_out_channels=channels,
                num_classes=8,
                loss_mask=dict(type='CrossEntropyLoss', use_mask=True, loss_weight=1.0))),
        train_cfg=dict(rcnn=dict(mask_size=28)),
        test_cfg=dict(rcnn=dict(mask_thr_binary=0.5))))
