"""BDD100K panoptic segmentation (pan_seg): the published setting, 1280x720, 2 images per GPU x 8
GPUs.

Trains on ``images/10k/train`` with the official bitmasks
``labels/pan_seg/bitmasks/train/<stem>.png``, decoded in the pipeline by
``BDD100KLoadPanSegAnnotations``; the metric scores against the bitmasks of the evaluated split.
Classes are in the model order (10 things, then 30 stuff).
"""
dataset_type = 'BDD100KPanSegDataset'
data_root = 'data/bdd100k/'
backend_args = None
meta_keys = ('img_id', 'img_path', 'name', 'ori_shape', 'img_shape', 'scale_factor', 'flip',
             'flip_direction')

train_pipeline = [
    dict(type='LoadImageFromFile', backend_args=backend_args),
    dict(type='BDD100KLoadPanSegAnnotations'),
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
    batch_size=2,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='AspectRatioBatchSampler'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix=dict(img='images/10k/train/', seg='labels/pan_seg/bitmasks/train/'),
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
        data_prefix=dict(img='images/10k/val/', seg='labels/pan_seg/bitmasks/val/'),
        test_mode=True,
        pipeline=test_pipeline,
        backend_args=backend_args))
test_dataloader = val_dataloader

val_evaluator = dict(type='BDD100KPanSegMetric')
test_evaluator = val_evaluator
