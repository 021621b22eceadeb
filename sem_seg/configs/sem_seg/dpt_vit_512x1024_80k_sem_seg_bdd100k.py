"""DPT, ViT-B: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8 GPUs x 2 images.

Published: mIoU 63.53 (val), 54.66 (test).

ViT-B/16 weights converted to mmseg keys are expected at ``pretrain/`` (no download URL);
the DPT head uses plain BN, as the earlier config did.
"""
_base_ = ['mmseg::_base_/models/dpt_vit-b16.py',
          '../../../configs/_base_/recipes/sem_seg_adamw_80k.py']
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    pretrained='pretrain/vit_base_patch16_224.pth',
    decode_head=dict(num_classes=19, norm_cfg=dict(type='BN', requires_grad=True)))
