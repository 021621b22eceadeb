"""The published pose schedule "1x": 105 epochs of Adam, lr 5e-4 divided by 10 at epochs 85 and 100.

Linear warm-up over the first 500 iterations from 0.001x; validation and a checkpoint every 10
epochs (the best by AP kept), as the earlier zoo. Includes the pose runtime. The lr is for 4 GPUs x
64 crops, as published (``--auto-scale-lr`` scales it to other batch sizes).
"""
_base_ = '../runtimes/pose.py'

optim_wrapper = dict(optimizer=dict(type='Adam', lr=5e-4))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=500, start_factor=0.001, by_epoch=False),
    dict(type='MultiStepLR', begin=0, end=105, milestones=[85, 100], gamma=0.1, by_epoch=True),
]
auto_scale_lr = dict(base_batch_size=256)
train_cfg = dict(by_epoch=True, max_epochs=105, val_interval=10)
val_cfg = dict()
test_cfg = dict()

default_hooks = dict(checkpoint=dict(interval=10, save_best='bdd100k/AP', rule='greater'))
