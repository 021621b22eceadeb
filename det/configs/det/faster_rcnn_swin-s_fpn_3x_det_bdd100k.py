"""Faster R-CNN with a Swin-S backbone, 3x schedule (AdamW), multi-scale training, 8 GPUs x 2
images.
"""
_base_ = './faster_rcnn_swin-t_fpn_3x_det_bdd100k.py'

model = _base_.swin_s
