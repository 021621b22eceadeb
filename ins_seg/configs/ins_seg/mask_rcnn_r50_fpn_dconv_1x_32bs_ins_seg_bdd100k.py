"""Mask R-CNN R-50-FPN with deformable convolutions in stages 2-4 (DCNv2), 1x schedule, 8 GPUs x 4
images.
"""
_base_ = './mask_rcnn_r50_fpn_1x_32bs_ins_seg_bdd100k.py'

model = dict(
    backbone=dict(dcn=dict(type='DCN', deform_groups=1, fallback_on_stride=False),
                  stage_with_dcn=(False, True, True, True)))
