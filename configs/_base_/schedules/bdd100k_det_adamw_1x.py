"""The zoo's 1x schedule of its transformer-era backbones (Swin, ConvNeXt): AdamW lr 1e-4, weight
decay 0.05 (none on norms, position embeddings and relative position biases), 12 epochs, steps at 9
and 11, linear warmup over 1000 iterations.
"""
_base_ = './bdd100k_det_1x.py'

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.0001, betas=(0.9, 0.999), weight_decay=0.05),
    paramwise_cfg=dict(custom_keys={
        'absolute_pos_embed': dict(decay_mult=0.),
        'relative_position_bias_table': dict(decay_mult=0.),
        'norm': dict(decay_mult=0.)
    }))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=1000),
    dict(type='MultiStepLR', begin=0, end=12, by_epoch=True, milestones=[9, 11], gamma=0.1),
]
