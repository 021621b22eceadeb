"""Cascade R-CNN "ConvNeXt-S", mixed precision, 3x schedule (AdamW, layer-wise lr decay over 12
groups), multi-scale training, 8 GPUs x 4 images.

As published: the earlier zoo's config of this row (the one its checkpoint was trained with)
builds the ConvNeXt-T architecture from ConvNeXt-T ImageNet weights, with the S model's 12
lr-decay groups; kept so that the published checkpoint loads. ``model = _base_.convnext_s``
gives a real ConvNeXt-S.
"""
_base_ = './cascade_rcnn_convnext-t_fpn_fp16_3x_det_bdd100k.py'

optim_wrapper = dict(paramwise_cfg=dict(num_layers=12))
