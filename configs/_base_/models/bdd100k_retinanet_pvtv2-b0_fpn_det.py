"""RetinaNet with a PVTv2-B0 backbone (ImageNet weights of the PVT authors; mmdet's
``retinanet_pvtv2-b0_fpn_1x_coco`` model) for the 10 BDD100K detection classes.
"""
_base_ = './bdd100k_retinanet_r50_fpn_det.py'

model = dict(
    backbone=dict(
        _delete_=True,
        type='PyramidVisionTransformerV2',
        embed_dims=32,
        num_layers=[2, 2, 2, 2],
        init_cfg=dict(
            checkpoint='https://github.com/whai362/PVT/releases/download/v2/pvt_v2_b0.pth')),
    neck=dict(in_channels=[32, 64, 160, 256]))
