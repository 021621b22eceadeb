"""The published ConvNeXt schedule of ``bdd100k_seg_convnext_40k.py`` over 80K iterations."""
_base_ = './bdd100k_seg_convnext_40k.py'
param_scheduler = [_base_.param_scheduler[0], dict(_base_.param_scheduler[1], end=80000)]
train_cfg = dict(max_iters=80000, val_interval=80000)
default_hooks = dict(checkpoint=dict(interval=8000))
