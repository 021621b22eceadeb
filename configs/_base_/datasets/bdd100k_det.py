"""BDD100K detection (det_20): the published setting, 1280x720, 4 images per GPU x 8 GPUs.

Labels are read straight from the official Scalabel JSON; the metric scores against the same file
(the dataset hands its ``ann_file`` to the metric), so ``--data-root`` is the only path to change.
Images, loaders and test pipeline: ``bdd100k_det_common.py``.
"""
_base_ = './bdd100k_det_common.py'
dataset_type = 'BDD100KDetDataset'

train_pipeline = [
    dict(type='LoadImageFromFile', backend_args=_base_.backend_args),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Resize', scale=(1280, 720), keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs', meta_keys=_base_.meta_keys),
]
train_dataloader = dict(
    batch_size=4,
    num_workers=4,
    dataset=dict(
        type=dataset_type,
        ann_file='labels/det_20/det_train.json',
        data_prefix=dict(img='images/100k/train/'),
        filter_cfg=dict(filter_empty_gt=True, min_size=32),
        pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(
    dataset=dict(type=dataset_type, ann_file='labels/det_20/det_val.json',
                 data_prefix=dict(img='images/100k/val/')))
val_evaluator = test_evaluator = dict(type='BDD100KDetMetric')
