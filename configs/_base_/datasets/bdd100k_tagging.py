"""BDD100K image tagging at 224x224: the published setting, 32 images per GPU x 4 GPUs.

Inception-style random resized crops of 224 and horizontal flips for training; the short side
resized to 256 and a 224 centre crop for testing. The attribute (weather, scene or timeofday) is
set by each config (``dataset.attribute``); labels are the frame attributes of ``det_20``, and the
metric scores against the same label file, so ``--data-root`` is the only path to change.
"""
dataset_type = 'BDD100KTaggingDataset'
data_root = 'data/bdd100k/'
meta_keys = ('sample_idx', 'img_path', 'name', 'ori_shape', 'img_shape', 'scale_factor', 'flip',
             'flip_direction')

data_preprocessor = dict(
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    to_rgb=True,
)

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=224),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackInputs', meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=256, edge='short'),
    dict(type='CenterCrop', crop_size=224),
    dict(type='PackInputs', meta_keys=meta_keys),
]

train_dataloader = dict(
    batch_size=32,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='labels/det_20/det_train.json',
        data_prefix='images/100k/train',
        pipeline=train_pipeline))
# the training loader on the val split, in order
val_dataloader = dict(
    train_dataloader,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        train_dataloader['dataset'],
        ann_file='labels/det_20/det_val.json',
        data_prefix='images/100k/val',
        test_mode=True,
        pipeline=test_pipeline))
test_dataloader = val_dataloader

val_evaluator = dict(type='BDD100KTaggingMetric')
test_evaluator = val_evaluator

# 4 GPUs x 32 images: ``tools/train.py --auto-scale-lr`` rescales the learning rate to other setups
auto_scale_lr = dict(base_batch_size=128)
