"""Faster R-CNN R-50-FPN with "ResNet strikes back" (A1) ImageNet weights, 3x schedule (AdamW lr
2e-4, weight decay 0.05, none on norms), multi-scale training, 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_faster_rcnn_r50_fpn_rsb_det.py',
          '../../../configs/_base_/recipes/det_rsb_3x.py']
