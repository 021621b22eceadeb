"""HRNet-W32, MSRA heatmaps, 256x192 input (height x width), 1x schedule, 4 GPUs x 64 crops."""
_base_ = [
    '../_base_/models/bdd100k_pose_topdown.py',
    '../../../configs/_base_/datasets/bdd100k_pose.py',
    '../../../configs/_base_/schedules/bdd100k_pose_1x.py',
]

model = _base_.hrnet_w32
