"""Mask R-CNN with an HRNetV2p-W18 backbone and HRFPN, 1x schedule, 8 GPUs x 2 images.
"""
_base_ = './mask_rcnn_hrnetv2p_w32_1x_ins_seg_bdd100k.py'

model = _base_.hrnetv2p_w18
