"""Faster R-CNN with a ConvNeXt-B backbone (ImageNet-1K weights, no EMA; drop path rate 0.7), mixed
precision, 3x schedule (AdamW, layer-wise lr decay over 12 groups), multi-scale training, 8 GPUs x
4 images.
"""
_base_ = './faster_rcnn_convnext-s_fpn_fp16_3x_det_bdd100k.py'

model = _base_.convnext_b_in1k
