"""BDD100K pose_21, top-down: ``bdd100k_pose.py`` with DARK at 256x192 input.

Distribution-aware heatmaps: unbiased encoding of the training targets, and decoding refined by a
Taylor expansion after an 11x11 Gaussian blur: mmpose 1.x's ``MSRAHeatmap(unbiased=True)`` (0.x:
``unbiased_encoding=True``, ``post_process='unbiased'``, ``modulate_kernel=11``).
"""
_base_ = './bdd100k_pose.py'
codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2,
             unbiased=True)

model = dict(head=dict(decoder=codec))

# the pipelines of bdd100k_pose.py, encoding the training targets with this codec
train_pipeline = [dict(step, encoder=codec) if step.type == 'GenerateTarget' else step
                  for step in _base_.train_pipeline]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
