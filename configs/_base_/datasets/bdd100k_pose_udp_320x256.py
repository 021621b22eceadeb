"""BDD100K pose_21, top-down: UDP (see ``bdd100k_pose_udp.py``) at 320x256 input (heatmaps 80x64):
``bdd100k_pose_udp.py`` at the input size, codec size and pipelines of ``bdd100k_pose_320x256.py``.
"""
_base_ = './bdd100k_pose_udp.py'
codec = dict(_base_.codec, input_size=(256, 320), heatmap_size=(64, 80))

model = dict(head=dict(decoder=codec))
train_pipeline = [dict(step, input_size=codec['input_size']) if step.type == 'TopdownAffine' else
                  dict(step, encoder=codec) if step.type == 'GenerateTarget' else step
                  for step in _base_.train_pipeline]
val_pipeline = [dict(step, input_size=codec['input_size']) if step.type == 'TopdownAffine' else step
                for step in _base_.val_pipeline]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=val_pipeline))
