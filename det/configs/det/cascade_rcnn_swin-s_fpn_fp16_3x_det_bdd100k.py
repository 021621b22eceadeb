"""Cascade R-CNN with a Swin-S backbone, mixed precision, 3x schedule (AdamW), multi-scale
training, 8 GPUs x 2 images.

The earlier zoo's config of this model named fp16 but did not enable it; mixed precision is on
here, as the published table states (it does not change the model or its checkpoint).
"""
_base_ = './cascade_rcnn_swin-t_fpn_3x_det_bdd100k.py'

model = _base_.swin_s
optim_wrapper = dict(type='AmpOptimWrapper', loss_scale=dict(init_scale=512))
