"""RetinaNet with a PVTv2-B2 backbone, 3x schedule (AdamW lr 1e-4, weight decay 1e-4),
multi-scale training, 8 GPUs x 2 images: the PVTv2-B1 config with the deeper B2 backbone.

The earlier zoo's config inherited a file that does not exist
(``retinanet_pvtv2-b0_fpn_3x_bdd100k``); this one builds on the PVTv2 3x configs it meant.
"""
_base_ = './retinanet_pvtv2-b1_fpn_3x_det_bdd100k.py'

model = dict(
    backbone=dict(
        num_layers=[3, 4, 6, 3],
        init_cfg=dict(
            checkpoint='https://github.com/whai362/PVT/releases/download/v2/pvt_v2_b2.pth')))
