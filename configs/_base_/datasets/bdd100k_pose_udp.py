"""BDD100K pose_21, top-down: ``bdd100k_pose.py`` with UDP at 256x192 input.

Unbiased data processing: the crop measured in unit lengths (``TopdownAffine(use_udp=True)``),
Gaussian UDP heatmaps, flip test without the heatmap shift, DARK-UDP refinement (11x11 blur) when
decoding: mmpose 1.x's ``UDPHeatmap`` (0.x: ``encoding='UDP'``, ``target_type='GaussianHeatmap'``,
``use_udp=True``, ``shift_heatmap=False``).
"""
_base_ = './bdd100k_pose.py'
codec = dict(type='UDPHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)

model = dict(head=dict(decoder=codec), test_cfg=dict(shift_heatmap=False))

train_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(type='RandomBBoxTransform', shift_prob=0.0),
    dict(type='TopdownAffine', input_size=codec['input_size'], use_udp=True),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs'),
]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size'], use_udp=True),
    dict(type='PackPoseInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=val_pipeline))
test_dataloader = val_dataloader
