"""The published transformer schedule (Swin, ViT, DeiT, DPT; ConvNeXt with its own optimizer): AdamW
(lr 6e-5, betas 0.9/0.999, weight decay 0.01, none on position embeddings, the class token,
relative position tables and norm layers), linear warmup from 1e-6 over 1.5K iterations, then poly
decay (power 1) to 0; 40K iterations, validating at the end.

The earlier Swin configs listed ``absolute_pos_embed``, ``relative_position_bias_table`` and
``norm``, the ViT ones ``pos_embed``, ``cls_token`` and ``norm``: every parameter of either family
gets the same decay from the union below as from its own list.
"""
_base_ = './bdd100k_seg_40k.py'
optim_wrapper = dict(
    _delete_=True,
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=6e-5, betas=(0.9, 0.999), weight_decay=0.01),
    paramwise_cfg=dict(custom_keys={
        'absolute_pos_embed': dict(decay_mult=0.),
        'relative_position_bias_table': dict(decay_mult=0.),
        'pos_embed': dict(decay_mult=0.),
        'cls_token': dict(decay_mult=0.),
        'norm': dict(decay_mult=0.),
    }))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=False, begin=0, end=1500),
    dict(type='PolyLR', eta_min=0.0, power=1.0, by_epoch=False, begin=1500, end=40000),
]
