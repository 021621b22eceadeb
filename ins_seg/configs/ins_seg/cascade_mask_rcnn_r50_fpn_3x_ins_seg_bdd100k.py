"""Cascade Mask R-CNN R-50-FPN, 3x schedule, multi-scale training, 8 GPUs x 2 images.

Multi-scale training as the published table states; the earlier zoo's config of this row
trained at the single scale 1280x720.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_cascade_mask_rcnn_r50_fpn_ins_seg.py',
          '../../../configs/_base_/recipes/ins_seg_3x.py']
