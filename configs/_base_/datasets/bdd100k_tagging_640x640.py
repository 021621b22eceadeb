"""BDD100K image tagging on 640x640 crops of the full 1280x720 images: 12 images per GPU x 4 GPUs.

The published ResNet setting: random 640x640 crops (no resizing) and horizontal flips for
training, the 640x640 centre crop for testing.
"""
_base_ = './bdd100k_tagging.py'

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomCrop', crop_size=640),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackInputs', meta_keys={{_base_.meta_keys}}),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='CenterCrop', crop_size=640),
    dict(type='PackInputs', meta_keys={{_base_.meta_keys}}),
]

train_dataloader = dict(batch_size=12, dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(batch_size=12, dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader

# 4 GPUs x 12 images
auto_scale_lr = dict(base_batch_size=48)
