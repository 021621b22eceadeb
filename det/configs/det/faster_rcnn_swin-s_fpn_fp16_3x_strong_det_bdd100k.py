"""Faster R-CNN with a Swin-S backbone, mixed precision, 3x schedule (AdamW), strong augmentation,
8 GPUs x 2 images.
"""
_base_ = './faster_rcnn_swin-t_fpn_3x_strong_det_bdd100k.py'

model = _base_.swin_s
optim_wrapper = dict(type='AmpOptimWrapper', loss_scale=dict(init_scale=512))
