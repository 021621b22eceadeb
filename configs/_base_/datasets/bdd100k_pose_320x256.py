"""BDD100K pose_21, top-down: ``bdd100k_pose.py`` at 320x256 input (MSRA heatmaps 80x64)."""
_base_ = './bdd100k_pose.py'
codec = dict(type='MSRAHeatmap', input_size=(256, 320), heatmap_size=(64, 80), sigma=2)

model = dict(head=dict(decoder=codec))

# the pipelines of bdd100k_pose.py, cropping to this input size and encoding with this codec
train_pipeline = [dict(step, input_size=codec['input_size']) if step.type == 'TopdownAffine' else
                  dict(step, encoder=codec) if step.type == 'GenerateTarget' else step
                  for step in _base_.train_pipeline]
val_pipeline = [dict(step, input_size=codec['input_size']) if step.type == 'TopdownAffine' else step
                for step in _base_.val_pipeline]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=val_pipeline))
