"""Faster R-CNN with a Swin-B backbone (ImageNet-22K weights), mixed precision, 3x schedule (AdamW),
multi-scale training, 8 GPUs x 2 images.
"""
_base_ = './faster_rcnn_swin-s_fpn_fp16_3x_det_bdd100k.py'

model = _base_.swin_b_22k
