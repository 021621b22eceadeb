"""The zoo's FCOS 1x schedule: SGD lr 0.01 (bias: double lr, no weight decay), gradient clipping at
35, constant warmup at a third of the lr over 500 iterations, 12 epochs, steps at 8 and 11.
"""
_base_ = './bdd100k_det_1x.py'

optim_wrapper = dict(
    optimizer=dict(lr=0.01),
    paramwise_cfg=dict(bias_lr_mult=2., bias_decay_mult=0.),
    clip_grad=dict(max_norm=35, norm_type=2))
param_scheduler = [
    dict(type='ConstantLR', factor=1.0 / 3, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=12, by_epoch=True, milestones=[8, 11], gamma=0.1),
]
