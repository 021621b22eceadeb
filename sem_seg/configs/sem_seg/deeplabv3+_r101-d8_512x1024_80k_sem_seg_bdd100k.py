"""DeepLabV3+, R-101-D8: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8 GPUs x
2 images.

Published: mIoU 64.49 (val), 57.00 (test).
"""
_base_ = './deeplabv3+_r50-d8_512x1024_80k_sem_seg_bdd100k.py'
model = dict(pretrained='open-mmlab://resnet101_v1c', backbone=dict(depth=101))
