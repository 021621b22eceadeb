"""BDD100K panoptic segmentation (pan_seg): the published setting, 1280x720, 2 images per GPU x 8
GPUs.

Trains on ``images/10k/train`` with the official bitmasks
``labels/pan_seg/bitmasks/train/<stem>.png``, decoded in the pipeline by
``BDD100KLoadPanSegAnnotations``; the metric scores against the bitmasks of the evaluated split.
Classes are in the model order (10 things, then 30 stuff). Images, loaders and test pipeline:
``bdd100k_det_common.py``.
"""
_base_ = './bdd100k_det_common.py'
dataset_type = 'BDD100KPanSegDataset'

train_pipeline = [
    dict(type='LoadImageFromFile', backend_args=_base_.backend_args),
    dict(type='BDD100KLoadPanSegAnnotations'),
    dict(type='Resize', scale=(1280, 720), keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs', meta_keys=_base_.meta_keys),
]
train_dataloader = dict(dataset=dict(
    type=dataset_type,
    data_prefix=dict(img='images/10k/train/', seg='labels/pan_seg/bitmasks/train/'),
    pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(
    dataset=dict(type=dataset_type,
                 data_prefix=dict(img='images/10k/val/', seg='labels/pan_seg/bitmasks/val/')))
val_evaluator = test_evaluator = dict(type='BDD100KPanSegMetric')
