"""UPerNet, Swin-T: BDD100K semantic segmentation, 512x1024 crops, 40K iterations, 8 GPUs x 2
images.

Published: mIoU 62.00 (val), 54.33 (test).
"""
_base_ = ['mmseg::_base_/models/upernet_swin.py',
          '../../../configs/_base_/recipes/sem_seg_adamw_40k.py']
checkpoint_file = 'https://download.openmmlab.com/mmsegmentation/v0.5/pretrain/swin/swin_tiny_patch4_window7_224_20220317-1cdeb081.pth'  # noqa: E501
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    backbone=dict(
        init_cfg=dict(type='Pretrained', checkpoint=checkpoint_file),
        embed_dims=96,
        depths=[2, 2, 6, 2],
        num_heads=[3, 6, 12, 24],
        window_size=7,
        use_abs_pos_embed=False,
        drop_path_rate=0.3,
        patch_norm=True),
    decode_head=dict(in_channels=[96, 192, 384, 768]),
    auxiliary_head=dict(in_channels=384))
