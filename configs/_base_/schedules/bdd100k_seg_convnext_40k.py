"""The published ConvNeXt schedule: mixed precision (fp16, dynamic loss scale), AdamW (lr 1e-4,
betas 0.9/0.999, weight decay 0.05) with stage-wise lr decay 0.9 over 6 layer groups, linear
warmup from 1e-6 over 1.5K iterations, then poly decay (power 1) to 0; 40K iterations."""
_base_ = './bdd100k_seg_adamw_40k.py'
optim_wrapper = dict(
    _delete_=True,
    type='AmpOptimWrapper',
    loss_scale='dynamic',
    optimizer=dict(type='AdamW', lr=1e-4, betas=(0.9, 0.999), weight_decay=0.05),
    constructor='LearningRateDecayOptimizerConstructor',
    paramwise_cfg=dict(decay_rate=0.9, decay_type='stage_wise', num_layers=6))
