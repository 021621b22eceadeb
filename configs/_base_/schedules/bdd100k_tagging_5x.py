"""The published tagging schedule "5x": 60 epochs of SGD, lr 0.1 divided by 10 at epochs 30 and 45.

Includes the tagging runtime, with a checkpoint every 10 epochs as the earlier zoo saved them.
"""
_base_ = '../runtimes/tagging.py'

optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.0001))
param_scheduler = dict(type='MultiStepLR', by_epoch=True, milestones=[30, 45], gamma=0.1)
train_cfg = dict(by_epoch=True, max_epochs=60, val_interval=1)
val_cfg = dict()
test_cfg = dict()

default_hooks = dict(checkpoint=dict(interval=10))
