"""UPerNet, Swin-T, 512x1024 crops: the 40K config trained for 80K iterations.

Published: mIoU 82.26 (val), 81.49 (test).
"""
_base_ = './upernet_swin-t_512x1024_40k_drivable_bdd100k.py'
param_scheduler = [*_base_.param_scheduler[:-1], dict(_base_.param_scheduler[-1], end=80000)]
train_cfg = dict(max_iters=80000, val_interval=80000)
default_hooks = dict(checkpoint=dict(interval=8000))
