"""The zoo's ConvNeXt 1x schedule of det: :file:`bdd100k_det_adamw_1x.py` with layer-wise lr decay
(rate 0.95 over 6 layer groups; the S and B models use 12) and mixed precision (fp16, initial loss
scale 512), as every published ConvNeXt detector was trained.
"""
_base_ = './bdd100k_det_adamw_1x.py'

optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale=dict(init_scale=512),
    constructor='LearningRateDecayOptimizerConstructor',
    paramwise_cfg=dict(_delete_=True, decay_rate=0.95, decay_type='layer_wise', num_layers=6))
