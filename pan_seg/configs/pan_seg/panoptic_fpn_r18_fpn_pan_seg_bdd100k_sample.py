"""Panoptic FPN R-18-FPN sized for a CPU: trains on the generated BDD100K sample (the pan_seg demo).

Not a published model. No ImageNet initialisation (no weights can be downloaded in the sandbox the
demo targets), 640x360 input, BN trained from scratch, a short iteration-based schedule. The sample
needs ``labels/pan_seg/bitmasks/{train,val}``.
"""
_base_ = './panoptic_fpn_r50_fpn_1x_pan_seg_bdd100k.py'
from bdd100k_zoo.config_edits.schedules import sample_adamw  # noqa: E402
data_root = 'data/bdd100k_sample/'
image_scale = (640, 360)

model = dict(
    backbone=dict(depth=18, frozen_stages=-1, norm_eval=False, init_cfg=None,
                  norm_cfg=dict(type='BN', requires_grad=True)),
    neck=dict(in_channels=[64, 128, 256, 512], out_channels=128),
    rpn_head=dict(in_channels=128, feat_channels=128),
    roi_head=dict(
        bbox_roi_extractor=dict(out_channels=128),
        bbox_head=dict(in_channels=128, fc_out_channels=256),
        mask_roi_extractor=dict(out_channels=128),
        mask_head=dict(in_channels=128, conv_out_channels=128)),
    semantic_head=dict(in_channels=128, inner_channels=64))

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='BDD100KLoadPanSegAnnotations'),
    dict(type='Resize', scale=image_scale, keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs', meta_keys={{_base_.meta_keys}}),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=image_scale, keep_ratio=True),
    dict(type='PackDetInputs', meta_keys={{_base_.meta_keys}}),
]
train_dataloader = dict(
    batch_size=4, num_workers=2, persistent_workers=True,
    dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader

max_iters = 600
train_cfg, optim_wrapper, param_scheduler = sample_adamw(max_iters)
default_hooks = dict(
    logger=dict(interval=20),
    checkpoint=dict(by_epoch=False, interval=max_iters),
    visualization=dict(draw=False))
log_processor = dict(by_epoch=False)
