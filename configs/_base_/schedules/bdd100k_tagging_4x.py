"""The published tagging schedule "4x": 48 epochs, lr divided by 10 at epochs 24 and 36."""
_base_ = './bdd100k_tagging_5x.py'

param_scheduler = dict(milestones=[24, 36])
train_cfg = dict(max_epochs=48)
