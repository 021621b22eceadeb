"""BDD100K pose_21, top-down: DARK (see ``bdd100k_pose_dark.py``) at 320x256 input (heatmaps 80x64):
the pipelines of ``bdd100k_pose_320x256.py``, encoding the training targets with the DARK codec.
"""
_base_ = './bdd100k_pose_320x256.py'
codec = dict(_base_.codec, unbiased=True)

model = dict(head=dict(decoder=codec))
train_pipeline = [dict(step, encoder=codec) if step.type == 'GenerateTarget' else step
                  for step in _base_.train_pipeline]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
