"""Cascade R-CNN with a ConvNeXt-T backbone, mixed precision, 1x schedule (AdamW, layer-wise lr
decay), 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_cascade_rcnn_r50_fpn_det.py',
          '../../../configs/_base_/models/bdd100k_convnext_backbones.py',
          '../../../configs/_base_/recipes/det_convnext_1x.py']

model = _base_.convnext_t
