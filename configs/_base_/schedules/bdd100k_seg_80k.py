"""The published CNN schedule over 80K iterations (a checkpoint every 8K): ``bdd100k_seg_40k.py``
(mmseg's own 40K schedule) made as long as mmseg's 80K schedule, validating at the end."""
_base_ = './bdd100k_seg_40k.py'
param_scheduler = [dict(_base_.param_scheduler[0], end=80000)]
train_cfg = dict(max_iters=80000, val_interval=80000)
default_hooks = dict(checkpoint=dict(interval=8000))
