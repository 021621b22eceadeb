"""BDD100K pose_21, top-down: ``bdd100k_pose.py`` with DARK at 256x192 input.

Distribution-aware heatmaps: unbiased encoding of the training targets, and decoding refined by a
Taylor expansion after an 11x11 Gaussian blur: mmpose 1.x's ``MSRAHeatmap(unbiased=True)`` (0.x:
``unbiased_encoding=True``, ``post_process='unbiased'``, ``modulate_kernel=11``).
"""
_base_ = './bdd100k_pose.py'
codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2,
             unbiased=True)

model = dict(head=dict(decoder=codec))

train_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(type='RandomBBoxTransform', shift_prob=0.0),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs'),
]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=val_pipeline))
test_dataloader = val_dataloader
