"""HRNet-W48, DARK heatmaps, 256x192 input (height x width), 1x schedule, 4 GPUs x 64 crops."""
_base_ = './hrnet_w32_dark_256x192_1x_pose_bdd100k.py'

model = _base_.hrnet_w48
