"""Cascade R-CNN with a Swin-B backbone (ImageNet-1K weights), mixed precision, 3x schedule
(AdamW), multi-scale training, 8 GPUs x 2 images (mixed precision: see the Swin-S config).
"""
_base_ = './cascade_rcnn_swin-s_fpn_fp16_3x_det_bdd100k.py'

model = _base_.swin_b
