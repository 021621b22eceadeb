"""Sparse R-CNN R-50-FPN, 100 proposals, 1x schedule (AdamW lr 2.5e-5, gradient clipping at 1),
8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_sparse_rcnn_r50_fpn_det.py',
          '../../../configs/_base_/recipes/det_sparse_rcnn_1x.py']
