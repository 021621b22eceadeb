"""BDD100K instance segmentation (ins_seg): the published setting, 1280x720, 2 images per GPU x 8
GPUs.

Trains on ``images/10k/train`` (the earlier zoo's configs pointed the training set at the val image
folder) with the official RLE labels; the metric scores against the same label file. To read the
bitmask PNGs instead, set ``ann_file=''`` and ``data_prefix=dict(img=..., seg='labels/ins_seg/
bitmasks/<split>')``.
"""
dataset_type = 'BDD100KInsSegDataset'
data_root = 'data/bdd100k/'
backend_args = None
meta_keys = ('img_id', 'img_path', 'name', 'ori_shape', 'img_shape', 'scale_factor', 'flip',
             'flip_direction')

train_pipeline = [
    dict(type='LoadImageFromFile', backend_args=backend_args),
    dict(type='BDD100KLoadInsSegAnnotations', with_bbox=True, with_mask=True),
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
        ann_file='labels/ins_seg/rles/ins_seg_train.json',
        data_prefix=dict(img='images/10k/train/'),
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
        ann_file='labels/ins_seg/rles/ins_seg_val.json',
        data_prefix=dict(img='images/10k/val/'),
        test_mode=True,
        pipeline=test_pipeline,
        backend_args=backend_args))
test_dataloader = val_dataloader

val_evaluator = dict(type='BDD100KInsSegMetric')
test_evaluator = val_evaluator
