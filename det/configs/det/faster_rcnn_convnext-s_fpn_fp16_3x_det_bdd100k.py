"""Faster R-CNN with a ConvNeXt-S backbone, mixed precision, 3x schedule (AdamW, layer-wise lr
decay over 12 groups), multi-scale training, 8 GPUs x 4 images.
"""
_base_ = './faster_rcnn_convnext-t_fpn_fp16_3x_det_bdd100k.py'

model = _base_.convnext_s
optim_wrapper = dict(paramwise_cfg=dict(num_layers=12))
