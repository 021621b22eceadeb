"""HRNet (FCN head), HRNet48, 512x1024 crops: the 40K config trained for 80K iterations.

Published: mIoU 83.27 (val), 82.87 (test).
"""
_base_ = './fcn_hr48_512x1024_40k_drivable_bdd100k.py'
param_scheduler = [*_base_.param_scheduler[:-1], dict(_base_.param_scheduler[-1], end=80000)]
train_cfg = dict(max_iters=80000, val_interval=80000)
default_hooks = dict(checkpoint=dict(interval=8000))
