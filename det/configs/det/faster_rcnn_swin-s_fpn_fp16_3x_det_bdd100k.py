"""Faster R-CNN with a Swin-S backbone, mixed precision, 3x schedule (AdamW), multi-scale training,
8 GPUs x 2 images.
"""
_base_ = './faster_rcnn_swin-s_fpn_3x_det_bdd100k.py'

optim_wrapper = dict(type='AmpOptimWrapper', loss_scale=dict(init_scale=512))
