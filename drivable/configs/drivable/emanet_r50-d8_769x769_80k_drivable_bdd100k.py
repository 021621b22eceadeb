"""EMANet, R-50-D8, 769x769 crops: the 40K config trained for 80K iterations.

Published: mIoU 83.14 (val), 82.55 (test).
"""
_base_ = './emanet_r50-d8_769x769_40k_drivable_bdd100k.py'
param_scheduler = [*_base_.param_scheduler[:-1], dict(_base_.param_scheduler[-1], end=80000)]
train_cfg = dict(max_iters=80000, val_interval=80000)
default_hooks = dict(checkpoint=dict(interval=8000))
