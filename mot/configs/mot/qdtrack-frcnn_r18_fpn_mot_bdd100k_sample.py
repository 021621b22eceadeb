"""QDTrack sized for a CPU: trains on the generated BDD100K sample (``bdd100k-zoo sample``) and tracks
its moving objects. Not a published model.

The published model (``qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py``) made small: Faster R-CNN with a
half-width ResNet-18 (32 base channels) and a 64-channel FPN, anchors half the published size (at
800x450, 80% of the sample's tracked boxes are 9-72 pixels tall), a 2-conv embedding head of 64-d
embeddings, 800x450 frames, boxes of any size kept, no ImageNet initialisation (no weights can be
downloaded in the sandbox it targets; BN trained from scratch), AdamW and a 1000-iteration schedule;
the same joint box_track_20 + det_20 data, reference frames within +-3, tracker and official metric.
On a shared 2-core CPU, one torch thread (``OMP_NUM_THREADS=1``) is several times faster than two.

The longer run (mMOTA on the sample's val videos, see the report):

    bdd100k-zoo sample --out data/bdd100k_sample --scale small --seed 0
    OMP_NUM_THREADS=1 python tools/train.py mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py \
        --data-root data/bdd100k_sample --work-dir work_dirs/qdtrack_sample
    OMP_NUM_THREADS=1 python tools/test.py mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py \
        work_dirs/qdtrack_sample/iter_1000.pth --data-root data/bdd100k_sample \
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
filter_cfg = dict(filter_empty_gt=True, min_size=0)

# The published data settings of the base, at the sample's paths and scale, keeping small boxes.
train_pipeline = _base_.train_pipeline
test_pipeline = _base_.test_pipeline
for _transform in train_pipeline[1].transforms + test_pipeline[0].transforms:
    if _transform.type == 'Resize':
        _transform.scale = image_scale
train_dataloader = _base_.train_dataloader
for _dataset in train_dataloader.dataset.datasets:
    _dataset.update(data_root=data_root, filter_cfg=filter_cfg)
train_dataloader.num_workers = 1
train_dataloader.dataset.pipeline = train_pipeline
val_dataloader = dict(num_workers=1, dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
del _transform, _dataset

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
