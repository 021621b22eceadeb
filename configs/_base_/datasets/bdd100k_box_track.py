"""BDD100K box tracking (box_track_20) for QDTrack: the published setting.

Training joins the box_track_20 videos and the det_20 images (as one-frame videos, the 8 tracking
classes), samples one reference frame within +-3 frames of the key frame, resizes to 1296x720
keeping the ratio and flips both frames together with probability 0.5; 2 images per GPU x 8 GPUs.
Testing runs frame by frame in video order. Labels are read straight from the official Scalabel
files; the metric scores against the same folder (the dataset hands its ``ann_file`` to the metric).
"""
data_root = 'data/bdd100k/'
backend_args = None
image_scale = (1296, 720)
frame_meta_keys = ('name', 'video_name', 'frame_index')

train_pipeline = [
    dict(type='UniformRefFrameSample', num_ref_imgs=1, frame_range=3, filter_key_img=True),
    dict(
        type='TransformBroadcaster',
        share_random_params=True,
        transforms=[
            dict(type='LoadImageFromFile', backend_args=backend_args),
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
            dict(type='LoadImageFromFile', backend_args=backend_args),
            dict(type='Resize', scale=image_scale, keep_ratio=True),
            dict(type='BDD100KLoadTrackAnnotations'),
        ]),
    dict(type='PackTrackInputs', meta_keys=frame_meta_keys),
]

train_dataloader = dict(
    batch_size=2,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='TrackImgSampler'),
    dataset=dict(
        type='BDD100KConcatVideoDataset',
        # the box_track_20 videos and the det_20 images (one-frame videos), filtered alike
        datasets=[
            dict(type=type_, data_root=data_root, ann_file=ann_file, data_prefix=dict(img=images),
                 filter_cfg=dict(filter_empty_gt=True, min_size=32))
            for type_, ann_file, images in (
                ('BDD100KBoxTrackDataset', 'labels/box_track_20/train/', 'images/track/train/'),
                ('BDD100KDetVideoDataset', 'labels/det_20/det_train.json', 'images/100k/train/'))
        ],
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='TrackImgSampler'),
    dataset=dict(
        type='BDD100KBoxTrackDataset',
        data_root=data_root,
        ann_file='labels/box_track_20/val/',
        data_prefix=dict(img='images/track/val/'),
        test_mode=True,
        pipeline=test_pipeline))
test_dataloader = val_dataloader

val_evaluator = dict(type='BDD100KBoxTrackMetric')
test_evaluator = val_evaluator
