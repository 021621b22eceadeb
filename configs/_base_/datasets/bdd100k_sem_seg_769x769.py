"""BDD100K semantic segmentation, the published 769x769 setting (crops of the image resized around
1281x721, tested at 1281x721); everything else as ``bdd100k_sem_seg.py``.

Models trained on 769x769 crops test with 769x769 sliding windows and ``align_corners=True``
(set in their configs, as the earlier zoo did).
"""
_base_ = './bdd100k_sem_seg.py'
crop_size = (769, 769)
image_scale = (1281, 721)
meta_keys = _base_.meta_keys

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
    dict(type='BDD100KLoadAnnotations'),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
