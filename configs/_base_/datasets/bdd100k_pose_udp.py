"""BDD100K pose_21, top-down: ``bdd100k_pose.py`` with UDP at 256x192 input.

Unbiased data processing: the crop measured in unit lengths (``TopdownAffine(use_udp=True)``),
Gaussian UDP heatmaps, flip test without the heatmap shift, DARK-UDP refinement (11x11 blur) when
decoding: mmpose 1.x's ``UDPHeatmap`` (0.x: ``encoding='UDP'``, ``target_type='GaussianHeatmap'``,
``use_udp=True``, ``shift_heatmap=False``).
"""
_base_ = './bdd100k_pose.py'
codec = dict(type='UDPHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)

model = dict(head=dict(decoder=codec), test_cfg=dict(shift_heatmap=False))

# the pipelines of bdd100k_pose.py, cropping in unit lengths and encoding with this codec
train_pipeline = [dict(step, use_udp=True) if step.type == 'TopdownAffine' else
                  dict(step, encoder=codec) if step.type == 'GenerateTarget' else step
                  for step in _base_.train_pipeline]
val_pipeline = [dict(step, use_udp=True) if step.type == 'TopdownAffine' else step
                for step in _base_.val_pipeline]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=val_pipeline))
