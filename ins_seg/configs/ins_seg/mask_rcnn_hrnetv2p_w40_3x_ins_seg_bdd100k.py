"""Mask R-CNN with an HRNetV2p-W40 backbone and HRFPN, 3x schedule, multi-scale training, 8 GPUs x
2 images.
"""
_base_ = './mask_rcnn_hrnetv2p_w32_3x_ins_seg_bdd100k.py'

model = _base_.hrnetv2p_w40
