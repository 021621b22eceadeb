"""ResNet-50, MSRA heatmaps, 256x192 input (height x width), 1x schedule, 8 GPUs x 64 crops.

The earlier zoo's published setting; the data and codec settings, and what mmpose 1.x cannot
express exactly (augmentation sampling, the detected test boxes), are explained in
configs/_base_/datasets/bdd100k_pose.py.
"""
_base_ = [
    '../_base_/models/bdd100k_pose_topdown.py',
    '../../../configs/_base_/datasets/bdd100k_pose.py',
    '../../../configs/_base_/schedules/bdd100k_pose_1x.py',
]

model = _base_.res50
