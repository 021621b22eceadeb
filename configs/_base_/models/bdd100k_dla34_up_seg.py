"""The BDD100K paper's segmentation network (section 5.1): DLA-34, DLA-up to stride 4, four 3x3 conv
blocks and a 1x1 conv, logits upsampled bilinearly to the input size.

ImageNet initialisation from the original DLA-34 checkpoint; SyncBN as for 8 GPUs (``tools/``
switch it to BN without CUDA). The conv block width (256) is not stated in the paper.
"""
norm_cfg = dict(type='SyncBN', requires_grad=True)
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    bgr_to_rgb=True,
    pad_val=0,
    seg_pad_val=255,
    # DLA's trees need sizes divisible by 32: test images (1280x720) are padded, then cropped back
    test_cfg=dict(size_divisor=32))
model = dict(
    type='EncoderDecoder',
    data_preprocessor=data_preprocessor,
    backbone=dict(
        type='BDD100KDLA',
        arch='dla34',
        out_indices=(2, 3, 4, 5),
        norm_cfg=norm_cfg,
        init_cfg=dict(type='Pretrained',
                      checkpoint='http://dl.yf.io/dla/models/imagenet/dla34-ba72cf86.pth')),
    neck=dict(type='BDD100KDLAUp', in_channels=[64, 128, 256, 512], norm_cfg=norm_cfg),
    decode_head=dict(
        type='BDD100KDLASegHead',
        in_channels=64,
        channels=256,
        num_convs=4,
        dropout_ratio=0.1,
        num_classes=19,
        norm_cfg=norm_cfg,
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
