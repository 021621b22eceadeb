"""The BDD100K paper's DLA-34 lane marking network sized for a CPU: trains on the generated sample
(``bdd100k-zoo sample``) in minutes. Not a published model.

No ImageNet initialisation (no weights are downloaded), BatchNorm, narrower heads (128), 640x360
images with 256x512 crops, the short schedule of ``bdd100k_seg_sample.py``.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_dla34_lane.py',
    '../../../configs/_base_/datasets/bdd100k_lane_sample.py',
    '../../../configs/_base_/runtimes/seg.py',
    '../../../configs/_base_/schedules/bdd100k_seg_sample.py',
]
norm_cfg = dict(type='BN', requires_grad=True)
head = dict(channels=128, norm_cfg=norm_cfg)
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    backbone=dict(norm_cfg=norm_cfg, init_cfg=None),
    neck=dict(norm_cfg=norm_cfg),
    decode_heads={name: head for name in _base_.model.decode_heads})
