"""UPerNet, DeiT-S: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8 GPUs x 2
images.

Published: mIoU 61.52 (val), 53.44 (test).

DeiT-S weights converted to mmseg keys are expected at ``pretrain/`` (mmseg's
``tools/model_converters/vit2mmseg.py``); they have no download URL.
"""
_base_ = './upernet_vit-b_512x1024_80k_sem_seg_bdd100k.py'
model = dict(
    pretrained='pretrain/deit_small_patch16_224-cd65a155.pth',
    backbone=dict(num_heads=6, embed_dims=384, drop_path_rate=0.1),
    neck=dict(in_channels=[384, 384, 384, 384], out_channels=384),
    decode_head=dict(in_channels=[384, 384, 384, 384]),
    auxiliary_head=dict(in_channels=384))
