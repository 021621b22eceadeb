"""ATSS R-50-FPN with 6 DyHead blocks after the FPN (mmdet's ``atss_r50_fpn_dyhead_1x_coco`` model:
the head's own convolutions are replaced by the DyHead) for the 10 BDD100K detection classes.
"""
_base_ = './bdd100k_atss_r50_fpn_det.py'

model = dict(
    neck=[
        {{_base_.model.neck}},
        dict(type='DyHead', in_channels=256, out_channels=256, num_blocks=6),
    ],
    bbox_head=dict(stacked_convs=0))
