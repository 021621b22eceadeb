"""The CPU schedule of the sample's tracking configs: 1000 iterations of AdamW (lr 1e-3, weight decay
0.05, gradients clipped at norm 10), 50 warmup iterations, then cosine down to 1e-5; evaluated at
the end."""
_base_ = './bdd100k_track_12e.py'

max_iters = 1000
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=max_iters,
                 val_interval=max_iters)
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=1e-3, weight_decay=0.05),
    clip_grad=dict(max_norm=10, norm_type=2))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=50),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=50, end=max_iters, eta_min=1e-5),
]
