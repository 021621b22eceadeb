"""Semantic FPN, R-50-FPN, GroupNorm head, deformable convs (DCNv2) in the head, 512x1024 crops: the
40K config trained for 80K iterations.

Published: mIoU 83.04 (val), 82.71 (test).
"""
_base_ = './fpn_r50_gn_dconv_512x1024_40k_drivable_bdd100k.py'
param_scheduler = [*_base_.param_scheduler[:-1], dict(_base_.param_scheduler[-1], end=80000)]
train_cfg = dict(max_iters=80000, val_interval=80000)
default_hooks = dict(checkpoint=dict(interval=8000))
