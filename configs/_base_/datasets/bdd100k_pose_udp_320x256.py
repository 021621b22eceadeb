"""BDD100K pose_21, top-down: UDP (see ``bdd100k_pose_udp.py``) at 320x256 input (heatmaps 80x64).

``bdd100k_pose.py`` with the UDP codec at this size: the crop measured in unit lengths at 320x256,
UDP heatmap targets, the flip test without the heatmap shift.
"""
_base_ = './bdd100k_pose.py'
codec = dict(type='UDPHeatmap', input_size=(256, 320), heatmap_size=(64, 80), sigma=2)

model = dict(head=dict(decoder=codec), test_cfg=dict(shift_heatmap=False))

# the pipelines of bdd100k_pose.py, cropping in unit lengths to this size, encoding with this codec
train_pipeline = [
    dict(step, input_size=codec['input_size'], use_udp=True) if step.type == 'TopdownAffine' else
    dict(step, encoder=codec) if step.type == 'GenerateTarget' else step
    for step in _base_.train_pipeline]
val_pipeline = [
    dict(step, input_size=codec['input_size'], use_udp=True) if step.type == 'TopdownAffine' else
    step for step in _base_.val_pipeline]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=val_pipeline))
