"""Cascade R-CNN R-50-FPN, 3x schedule, multi-scale training, 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_cascade_rcnn_r50_fpn_det.py',
          '../../../configs/_base_/recipes/det_3x.py']
