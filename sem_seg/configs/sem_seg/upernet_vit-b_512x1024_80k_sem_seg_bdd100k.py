"""UPerNet, ViT-B: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8 GPUs x 2
images.

Published: mIoU 62.11 (val), 53.98 (test).

ViT-B/16 weights converted to mmseg keys are expected at ``pretrain/`` (mmseg's
``tools/model_converters/vit2mmseg.py``); they have no download URL.
"""
_base_ = ['mmseg::_base_/models/upernet_vit-b16_ln_mln.py',
          '../../../configs/_base_/recipes/sem_seg_adamw_80k.py']
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    pretrained='pretrain/vit_base_patch16_224.pth')
