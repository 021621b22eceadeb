"""Semantic FPN, R-50-FPN, GroupNorm head, deformable convs (DCNv2) in the head: BDD100K drivable
area, 512x1024 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 83.65 (val), 83.11 (test).
"""
_base_ = './fpn_r50_gn_512x1024_40k_drivable_bdd100k.py'
model = dict(decode_head=dict(conv_cfg=dict(type='DCNv2')))
