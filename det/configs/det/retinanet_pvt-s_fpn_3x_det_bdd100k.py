"""RetinaNet with a PVT-Small backbone, 3x schedule (AdamW lr 1e-4, weight decay 1e-4),
multi-scale training, 8 GPUs x 2 images.

The earlier zoo's config inherited a file that does not exist (``retinanet_pvt-t_fpn_3x_bdd100k``);
this one inherits the PVT-Tiny 3x config it meant.
"""
_base_ = './retinanet_pvt-t_fpn_3x_det_bdd100k.py'

model = dict(backbone=dict(
    num_layers=[3, 4, 6, 3],
    init_cfg=dict(
        checkpoint='https://github.com/whai362/PVT/releases/download/v2/pvt_small.pth')))
