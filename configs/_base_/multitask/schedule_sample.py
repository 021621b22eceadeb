"""A CPU schedule for the multitask sample configs (``multitask/configs/sample/``): the optimizer
of the zoo's det sample config (``faster_rcnn_r18_fpn_det_bdd100k_sample.py``: AdamW lr 1e-3,
weight decay 0.05, gradients clipped to norm 10) over 80 iterations, linear warmup over 10, then
cosine decay to 1e-5. Not a published setting.

80 batches of one task alone; a config training two tasks stretches it over the cycle of two
batches (160 iterations), so that each task gets 80 batches at the same learning rates. The size
keeps the joint DLA-34 det + sem_seg run, the slowest, within about 30 minutes on one CPU thread
(one det batch of that config costs about 2.5 sem_seg or R-18 det batches).
"""
_base_ = '../../../det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
optim_wrapper = _base_.optim_wrapper
_base_.clear()
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=10),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=10, end=80, eta_min=1e-5),
]
train_cfg = dict(type='BDD100KRoundRobinTrainLoop', max_iters=80, val_interval=80)
