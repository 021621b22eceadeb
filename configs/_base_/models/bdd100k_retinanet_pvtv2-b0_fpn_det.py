"""RetinaNet with a PVTv2-B0 backbone (ImageNet weights of the PVT authors; mmdet's
``retinanet_pvtv2-b0_fpn_1x_coco`` model) for the 10 BDD100K detection classes: the PVT-Tiny model
of ``bdd100k_retinanet_pvt-t_fpn_det.py`` with the version 2 backbone (32-wide first stage).
"""
_base_ = './bdd100k_retinanet_pvt-t_fpn_det.py'

model = dict(
    backbone=dict(
        type='PyramidVisionTransformerV2',
        embed_dims=32,
        init_cfg=dict(
            checkpoint='https://github.com/whai362/PVT/releases/download/v2/pvt_v2_b0.pth')),
    neck=dict(in_channels=[32, 64, 160, 256]))
