"""BDD100K detection (det_20): the published setting, 1280x720, 4 images per GPU x 8 GPUs.

Labels are read straight from the official Scalabel JSON; the metric scores against the same file
(the dataset hands its ``ann_file`` to the metric), so ``--data-root`` is the only path to change.
"""
dataset_type = 'BDD100KDetDataset'
data_root = 'data/bdd100k/'
backend_args = None
meta_keys = ('img_id', 'img_path', 'name', 'ori_shape', 'img_shape', 'scale_factor', 'flip',
             'flip_direction')

train_pipeline = [
    dict(type='LoadImageFromFile', backend_args=backend_args),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Resize', scale=(1280, 720), keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs', meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile', backend_args=backend_args),
    dict(type='Resize', scale=(1280, 720), keep_ratio=True),
    dict(type='PackDetInputs', meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=4,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='AspectRatioBatchSampler'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='labels/det_20/det_train.json',
        data_prefix=dict(img='images/100k/train/'),
        filter_cfg=dict(filter_empty_gt=True, min_size=32),
        pipeline=train_pipeline,
        backend_args=backend_args))
val_dataloader = dict(
    batch_size=1,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='labels/det_20/det_val.json',
        data_prefix=dict(img='images/100k/val/'),
        test_mode=True,
        pipeline=test_pipeline,
        backend_args=backend_args))
test_dataloader = val_dataloader

val_evaluator = dict(type='BDD100KDetMetric')
test_evaluator = val_evaluator
