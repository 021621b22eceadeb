"""UPerNet, ConvNeXt-S, fp16: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8
GPUs x 2 images.

Published: mIoU 66.13 (val), 58.15 (test).
"""
_base_ = './upernet_convnext-t_fp16_512x1024_80k_sem_seg_bdd100k.py'
checkpoint_file = 'https://download.openmmlab.com/mmclassification/v0/convnext/downstream/convnext-small_3rdparty_32xb128-noema_in1k_20220301-303e75e3.pth'  # noqa: E501
model = dict(backbone=dict(arch='small', drop_path_rate=0.3,
                           init_cfg=dict(checkpoint=checkpoint_file)))
