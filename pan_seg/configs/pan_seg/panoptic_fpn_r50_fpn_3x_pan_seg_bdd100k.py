"""Panoptic FPN R-50-FPN, 3x schedule, multi-scale training, 8 GPUs x 2 images.

Multi-scale training as published: the shorter side is drawn from 600..720 in steps of 24 (longer
side at most 1280); testing stays at 1280x720. 36 epochs, steps at 24 and 33 (the earlier zoo's 3x
schedule; its pan_seg folder lacks the schedule file the config names).
"""
_base_ = './panoptic_fpn_r50_fpn_1x_pan_seg_bdd100k.py'

ms_scales = [(1280, short) for short in range(600, 721, 24)]
train_pipeline = _base_.train_pipeline
train_pipeline[2] = dict(type='RandomChoiceResize', scales=ms_scales, keep_ratio=True)
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))

max_epochs = 36
train_cfg = dict(max_epochs=max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True, milestones=[24, 33],
         gamma=0.1),
]
