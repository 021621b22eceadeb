"""ResNet-50, MSRA heatmaps, 320x256 input (height x width), 1x schedule, 4 GPUs x 64 crops."""
_base_ = [
    '../_base_/models/bdd100k_pose_topdown.py',
    '../../../configs/_base_/datasets/bdd100k_pose_320x256.py',
    '../../../configs/_base_/schedules/bdd100k_pose_1x.py',
]

model = _base_.res50
