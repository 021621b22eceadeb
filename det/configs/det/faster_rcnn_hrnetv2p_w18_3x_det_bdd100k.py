"""Faster R-CNN with an HRNetV2p-W18 backbone and HRFPN, 3x schedule (SGD lr 0.02), multi-scale
training, 8 GPUs x 2 images.
"""
_base_ = './faster_rcnn_hrnetv2p_w32_3x_det_bdd100k.py'

model = _base_.hrnetv2p_w18
