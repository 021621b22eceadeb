"""CCNet, R-101-D8: BDD100K drivable area, 512x1024 crops, 80K iterations, 8 GPUs x 2 images.

Published: mIoU 84.17 (val), 83.66 (test).
"""
_base_ = './ccnet_r50-d8_512x1024_80k_drivable_bdd100k.py'
model = dict(pretrained='open-mmlab://resnet101_v1c', backbone=dict(depth=101))
