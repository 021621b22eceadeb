"""Faster R-CNN with a Swin-B backbone (ImageNet-22K weights), mixed precision, 3x schedule (AdamW),
strong augmentation, 8 GPUs x 2 images.
"""
_base_ = './faster_rcnn_swin-s_fpn_fp16_3x_strong_det_bdd100k.py'

model = _base_.swin_b_22k
