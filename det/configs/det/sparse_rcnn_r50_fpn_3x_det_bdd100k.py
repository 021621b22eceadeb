"""Sparse R-CNN R-50-FPN, 100 proposals, 3x schedule (AdamW lr 2.5e-5, gradient clipping at 1,
steps at 27 and 33), multi-scale training, 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_sparse_rcnn_r50_fpn_det.py',
          '../../../configs/_base_/recipes/det_sparse_rcnn_3x.py']
