"""RetinaNet with a PVT-Tiny backbone (ImageNet weights of the PVT authors; mmdet's
``retinanet_pvt-t_fpn_1x_coco`` model) for the 10 BDD100K detection classes.
"""
_base_ = './bdd100k_retinanet_r50_fpn_det.py'

model = dict(
    backbone=dict(
        _delete_=True,
        type='PyramidVisionTransformer',
        num_layers=[2, 2, 2, 2],
        init_cfg=dict(
            checkpoint='https://github.com/whai362/PVT/releases/download/v2/pvt_tiny.pth')),
    neck=dict(in_channels=[64, 128, 320, 512]))
