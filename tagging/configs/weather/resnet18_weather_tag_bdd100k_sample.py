"""ResNet-18 weather tagging sized for a CPU: trains on the generated BDD100K sample in minutes.

Not a published model. No ImageNet initialisation (no weights can be downloaded in the sandbox the
demo targets), whole images resized to 224x128, a short iteration-based schedule. The scene and
time-of-day sample configs inherit everything but the attribute.
"""
_base_ = [
    'mmpretrain::_base_/models/resnet18.py',
    '../../../configs/_base_/datasets/bdd100k_tagging.py',
    '../../../configs/_base_/runtimes/tagging.py',
]
data_root = 'data/bdd100k_sample/'
image_scale = (224, 128)

model = dict(head=dict(num_classes=7))

meta_keys = {{_base_.meta_keys}}
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=image_scale),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackInputs', meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=image_scale),
    dict(type='PackInputs', meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(attribute='weather', data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(attribute='weather', data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader

max_iters = 300
train_cfg = dict(type='IterBasedTrainLoop', max_iters=max_iters, val_interval=max_iters)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=30),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=30, end=max_iters, eta_min=1e-5),
]
auto_scale_lr = dict(base_batch_size=4)
default_hooks = dict(
    logger=dict(interval=20),
    checkpoint=dict(by_epoch=False, interval=max_iters))
log_processor = dict(by_epoch=False)
