"""UPerNet, ConvNeXt-S, fp16: BDD100K drivable area, 512x1024 crops, 80K iterations, 8 GPUs x 2
images.

Published: mIoU 83.14 (val), 82.57 (test).

The backbone comes from mmpretrain (``mmpretrain.ConvNeXt``, the successor of the earlier
``mmcls.ConvNeXt``).
"""
_base_ = './upernet_convnext-t_fp16_512x1024_80k_drivable_bdd100k.py'
checkpoint_file = 'https://download.openmmlab.com/mmclassification/v0/convnext/downstream/convnext-small_3rdparty_32xb128-noema_in1k_20220301-303e75e3.pth'  # noqa: E501
model = dict(
    backbone=dict(
        arch='small',
        drop_path_rate=0.3,
        init_cfg=dict(type='Pretrained', checkpoint=checkpoint_file, prefix='backbone.')),
    decode_head=dict(in_channels=[96, 192, 384, 768]),
    auxiliary_head=dict(in_channels=384))
