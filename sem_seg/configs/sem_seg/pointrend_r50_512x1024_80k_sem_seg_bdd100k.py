"""PointRend, R-50-FPN, 512x1024 crops: the 40K config trained for 80K iterations.

Published: mIoU 61.02 (val), 52.53 (test).
"""
_base_ = './pointrend_r50_512x1024_40k_sem_seg_bdd100k.py'
param_scheduler = [*_base_.param_scheduler[:-1], dict(_base_.param_scheduler[-1], end=80000)]
train_cfg = dict(max_iters=80000, val_interval=80000)
default_hooks = dict(checkpoint=dict(interval=8000))
