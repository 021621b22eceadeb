"""Semantic FPN, R-50-FPN, GroupNorm head: BDD100K semantic segmentation, 512x1024 crops, 40K
iterations, 8 GPUs x 2 images.

Published: mIoU 59.44 (val), 53.42 (test).
"""
_base_ = './fpn_r50_512x1024_40k_sem_seg_bdd100k.py'
model = dict(decode_head=dict(norm_cfg=dict(type='GN', num_groups=32, requires_grad=True)))
