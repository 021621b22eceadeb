"""ResNet-18 top-down pose sized for a CPU: trains on the generated BDD100K sample in minutes.

Not a published model. No ImageNet initialisation (no weights can be downloaded in the sandbox the
demo targets), 128x96 input with MSRA heatmaps of 32x24, a head of three 128-channel deconvolutions,
BN trained from scratch, a short iteration-based schedule; tested on the labelled person boxes with
the official metric.
"""
_base_ = [
    '../_base_/models/bdd100k_pose_topdown.py',
    '../../../configs/_base_/datasets/bdd100k_pose.py',
    '../../../configs/_base_/runtimes/pose.py',
]
data_root = 'data/bdd100k_sample/'
codec = dict(type='MSRAHeatmap', input_size=(96, 128), heatmap_size=(24, 32), sigma=2)

model = dict(
    _base_.res50,
    backbone=dict(type='ResNet', depth=18, init_cfg=None),
    head=dict(_base_.res50.head, in_channels=512, deconv_out_channels=(128, 128, 128),
              decoder=codec))

train_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(type='RandomBBoxTransform', shift_prob=0.0),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs'),
]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs'),
]
train_dataloader = dict(
    batch_size=16, num_workers=2,
    dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16, num_workers=2,
    dataset=dict(data_root=data_root, pipeline=val_pipeline))
test_dataloader = val_dataloader

max_iters = 300
train_cfg = dict(by_epoch=False, max_iters=max_iters, val_interval=max_iters)
optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=50),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=50, end=max_iters, eta_min=1e-5),
]
default_hooks = dict(
    logger=dict(interval=20),
    checkpoint=dict(by_epoch=False, interval=max_iters))
log_processor = dict(by_epoch=False)
