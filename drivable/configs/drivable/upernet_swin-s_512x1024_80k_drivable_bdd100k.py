"""UPerNet, Swin-S: BDD100K drivable area, 512x1024 crops, 80K iterations, 8 GPUs x 2 images.

Published: mIoU 83.89 (val), 83.32 (test).
"""
_base_ = './upernet_swin-t_512x1024_80k_drivable_bdd100k.py'
checkpoint_file = 'https://download.openmmlab.com/mmsegmentation/v0.5/pretrain/swin/swin_small_patch4_window7_224_20220317-7ba6d6dd.pth'  # noqa: E501
model = dict(backbone=dict(init_cfg=dict(checkpoint=checkpoint_file), depths=[2, 2, 18, 2]))
