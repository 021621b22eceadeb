"""Faster R-CNN R-50-FPN, 1x schedule, 1280x720, 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_faster_rcnn_r50_fpn_det.py',
          '../../../configs/_base_/recipes/det_1x.py']
