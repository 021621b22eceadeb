"""UPerNet, Swin-B, fp16: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8 GPUs x
2 images.

Published: mIoU 65.98 (val), 58.33 (test).
"""
_base_ = './upernet_swin-s_512x1024_80k_sem_seg_bdd100k.py'
checkpoint_file = 'https://download.openmmlab.com/mmsegmentation/v0.5/pretrain/swin/swin_base_patch4_window7_224_20220317-e9b98025.pth'  # noqa: E501
model = dict(
    backbone=dict(init_cfg=dict(checkpoint=checkpoint_file), embed_dims=128,
                  num_heads=[4, 8, 16, 32]),
    decode_head=dict(in_channels=[128, 256, 512, 1024]),
    auxiliary_head=dict(in_channels=512))
optim_wrapper = dict(type='AmpOptimWrapper', loss_scale='dynamic')
