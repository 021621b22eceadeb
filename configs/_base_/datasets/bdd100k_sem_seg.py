"""BDD100K semantic segmentation (10K images): the published 512x1024 setting, 8 GPUs x 2 images.

As the earlier zoo trained it: the 1280x720 image resized by a random factor in 0.5-2.0, a 512x1024
crop (at most 75% of one class), horizontal flip, photometric distortion; tested on the whole image
at 1280x720. Masks are the official PNGs (``labels/sem_seg/masks/<split>``), checked on loading;
the metric gives the official BDD100K scores and the Cityscapes category IoU / iIoU (with the
ins_seg bitmasks of the same images under ``labels/ins_seg/bitmasks/<split>`` when present).

For sliced scores add ``attributes_file`` (a Scalabel file with frame attributes) to the val dataset
and ``slice_by=('weather', 'scene', 'timeofday')`` to the evaluator. For the test split (no masks):
``split='test', with_masks=False`` and ``format_only=True`` (``tools/test.py --out-dir`` writes
the submission).
"""
dataset_type = 'BDD100KSemSegDataset'
data_root = 'data/bdd100k/'
crop_size = (512, 1024)
image_scale = (1280, 720)
meta_keys = ('img_path', 'seg_map_path', 'name', 'attributes', 'ori_shape', 'img_shape',
             'pad_shape', 'scale_factor', 'flip', 'flip_direction', 'reduce_zero_label')

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='BDD100KLoadAnnotations'),
    dict(type='RandomResize', scale=image_scale, ratio_range=(0.5, 2.0), keep_ratio=True),
    dict(type='RandomCrop', crop_size=crop_size, cat_max_ratio=0.75),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PhotoMetricDistortion'),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=image_scale, keep_ratio=True),
    # after Resize: the ground truth stays at full size, where predictions are scored
    dict(type='BDD100KLoadAnnotations'),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=2,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(type=dataset_type, data_root=data_root, split='train',
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, data_root=data_root, split='val', test_mode=True,
                 pipeline=test_pipeline))
test_dataloader = val_dataloader

val_evaluator = dict(type='BDD100KSemSegMetric')
test_evaluator = val_evaluator

# the published models trained on 8 GPUs x 2 images; scale the lr when training on another total
auto_scale_lr = dict(enable=False, base_batch_size=16)
