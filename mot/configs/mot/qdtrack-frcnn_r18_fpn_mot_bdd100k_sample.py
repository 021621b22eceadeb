"""QDTrack sized for a CPU: trains on the generated BDD100K sample (``bdd100k-zoo sample``) and tracks
its moving objects. Not a published model.

The published model (``qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py``) made small: Faster R-CNN with a
half-width ResNet-18 (32 base channels) and a 64-channel FPN, anchors half the published size (most of
the sample's objects are 15-90 pixels tall at 960x540), a 2-conv embedding head of 64-d embeddings,
960x540 frames, no ImageNet initialisation (no weights can be downloaded in the sandbox it targets;
BN trained from scratch), AdamW and a short iteration-based schedule; the same joint box_track_20 +
det_20 data, reference frames within +-3, tracker and official metric. On a shared 2-core CPU,
one torch thread (``OMP_NUM_THREADS=1``) is several times faster than two.

The longer run (mMOTA on the sample's val videos, see the report):

    bdd100k-zoo sample --out data/bdd100k_sample --scale small --seed 0
    OMP_NUM_THREADS=1 python tools/train.py mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py \
        --data-root data/bdd100k_sample --work-dir work_dirs/qdtrack_sample
    OMP_NUM_THREADS=1 python tools/test.py mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py \
        work_dirs/qdtrack_sample/iter_3000.pth --data-root data/bdd100k_sample \
        --work-dir work_dirs/qdtrack_sample --out-dir work_dirs/qdtrack_sample/test
"""
_base_ = './qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py'
channels = 64

model = dict(
    detector=dict(
        backbone=dict(depth=18, base_channels=32, frozen_stages=-1, norm_eval=False,
                      init_cfg=None, norm_cfg=dict(type='BN', requires_grad=True)),
        neck=dict(in_channels=[32, 64, 128, 256], out_channels=channels),
        rpn_head=dict(in_channels=channels, feat_channels=channels,
                      anchor_generator=dict(scales=[4])),
        roi_head=dict(
            bbox_roi_extractor=dict(out_channels=channels),
            bbox_head=dict(in_channels=channels, fc_out_channels=256)),
        train_cfg=dict(rpn_proposal=dict(nms_pre=1000, max_per_img=500),
                       rcnn=dict(sampler=dict(num=256)))),
    track_head=dict(
        roi_extractor=dict(out_channels=channels),
        embed_head=dict(in_channels=channels, conv_out_channels=channels, num_convs=2,
                        fc_out_channels=256, embed_channels=channels)))

data_root = 'data/bdd100k_sample/'
image_scale = (800, 450)
train_pipeline = [
    dict(type='UniformRefFrameSample', num_ref_imgs=1, frame_range=3, filter_key_img=True),
    dict(
        type='TransformBroadcaster',
        share_random_params=True,
        transforms=[
            dict(type='LoadImageFromFile'),
            dict(type='BDD100KLoadTrackAnnotations'),
            dict(type='Resize', scale=image_scale, keep_ratio=True),
            dict(type='RandomFlip', prob=0.5),
        ]),
    dict(type='PackTrackInputs'),
]
test_pipeline = [
    dict(
        type='TransformBroadcaster',
        transforms=[
            dict(type='LoadImageFromFile'),
            dict(type='Resize', scale=image_scale, keep_ratio=True),
            dict(type='BDD100KLoadTrackAnnotations'),
        ]),
    dict(type='PackTrackInputs', meta_keys=_base_.frame_meta_keys),
]
filter_cfg = dict(filter_empty_gt=True, min_size=0)
train_dataloader = dict(
    num_workers=1,
    dataset=dict(
        datasets=[
            dict(
                type='BDD100KBoxTrackDataset',
                data_root=data_root,
                ann_file='labels/box_track_20/train/',
                data_prefix=dict(img='images/track/train/'),
                filter_cfg=filter_cfg),
            dict(
                type='BDD100KDetVideoDataset',
                data_root=data_root,
                ann_file='labels/det_20/det_train.json',
                data_prefix=dict(img='images/100k/train/'),
                filter_cfg=filter_cfg),
        ],
        pipeline=train_pipeline))
val_dataloader = dict(num_workers=1, dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader

max_iters = 1000
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=max_iters,
                 val_interval=max_iters)
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=1e-3, weight_decay=0.05),
    clip_grad=dict(max_norm=10, norm_type=2))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=50),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=50, end=max_iters, eta_min=1e-5),
]
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(by_epoch=False, interval=250))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
