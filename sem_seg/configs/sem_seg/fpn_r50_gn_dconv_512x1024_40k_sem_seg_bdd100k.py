"""Semantic FPN, R-50-FPN, GroupNorm head, deformable convs (DCNv2) in the head: BDD100K semantic
segmentation, 512x1024 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 61.53 (val), 54.31 (test).
"""
_base_ = './fpn_r50_gn_512x1024_40k_sem_seg_bdd100k.py'
model = dict(decode_head=dict(conv_cfg=dict(type='DCNv2')))
