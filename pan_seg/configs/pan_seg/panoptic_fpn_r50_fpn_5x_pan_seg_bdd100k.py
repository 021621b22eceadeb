"""Panoptic FPN R-50-FPN, 5x schedule, multi-scale training, 8 GPUs x 2 images.

As the 3x config over 60 epochs, steps at 40 and 55 (the published 5x schedule).
"""
_base_ = './panoptic_fpn_r50_fpn_3x_pan_seg_bdd100k.py'

max_epochs = 60
train_cfg = dict(max_epochs=max_epochs)
param_scheduler = [_base_.param_scheduler[0],
                   dict(_base_.param_scheduler[1], end=max_epochs, milestones=[40, 55])]
