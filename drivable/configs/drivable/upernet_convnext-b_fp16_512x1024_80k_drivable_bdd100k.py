"""UPerNet, ConvNeXt-B, fp16: BDD100K drivable area, 512x1024 crops, 80K iterations, 8 GPUs x 2
images.

Published: mIoU 83.75 (val), 83.24 (test).
"""
_base_ = './upernet_convnext-t_fp16_512x1024_80k_drivable_bdd100k.py'
checkpoint_file = 'https://download.openmmlab.com/mmclassification/v0/convnext/convnext-base_in21k-pre-3rdparty_32xb128_in1k_20220124-eb2d6ada.pth'  # noqa: E501
model = dict(
    backbone=dict(arch='base', init_cfg=dict(checkpoint=checkpoint_file)),
    decode_head=dict(in_channels=[128, 256, 512, 1024]),
    auxiliary_head=dict(in_channels=512))
