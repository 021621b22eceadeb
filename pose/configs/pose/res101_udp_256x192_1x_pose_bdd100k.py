"""ResNet-101, UDP, 256x192 input (height x width), 1x schedule, 4 GPUs x 64 crops."""
_base_ = './res50_udp_256x192_1x_pose_bdd100k.py'

model = _base_.res101
