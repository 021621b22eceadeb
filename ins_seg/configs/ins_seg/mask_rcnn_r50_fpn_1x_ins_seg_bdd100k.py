"""Mask R-CNN R-50-FPN, 1x schedule, 1280x720, 8 GPUs x 2 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_mask_rcnn_r50_fpn_ins_seg.py',
          '../../../configs/_base_/recipes/ins_seg_1x.py']
