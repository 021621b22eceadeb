"""ResNet-101, MSRA heatmaps, 320x256 input (height x width), 1x schedule, 4 GPUs x 64 crops."""
_base_ = './res50_320x256_1x_pose_bdd100k.py'

model = _base_.res101
