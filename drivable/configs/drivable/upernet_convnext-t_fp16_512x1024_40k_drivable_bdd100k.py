"""UPerNet, ConvNeXt-T, fp16: BDD100K drivable area, 512x1024 crops, 40K iterations, 8 GPUs x 2
images.

Published: mIoU 77.69 (val), 77.21 (test).

The backbone comes from mmpretrain (``mmpretrain.ConvNeXt``, the successor of the earlier
``mmcls.ConvNeXt``).
"""
_base_ = ['mmseg::_base_/models/upernet_convnext.py',
          '../../../configs/_base_/recipes/drivable_convnext_40k.py']
custom_imports = dict(imports=['mmpretrain.models', 'bdd100k_zoo.seg'],
                      allow_failed_imports=False)
checkpoint_file = 'https://download.openmmlab.com/mmclassification/v0/convnext/downstream/convnext-tiny_3rdparty_32xb128-noema_in1k_20220301-795e9634.pth'  # noqa: E501
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    backbone=dict(
        arch='tiny',
        drop_path_rate=0.4,
        init_cfg=dict(type='Pretrained', checkpoint=checkpoint_file, prefix='backbone.')),
    decode_head=dict(num_classes=3, in_channels=[96, 192, 384, 768]),
    auxiliary_head=dict(num_classes=3, in_channels=384))
