"""Mask R-CNN with an HRNetV2p-W32 backbone and HRFPN, 3x schedule, multi-scale training, 8 GPUs x
2 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_mask_rcnn_r50_fpn_ins_seg.py',
          '../../../configs/_base_/models/bdd100k_hrnet_backbones.py',
          '../../../configs/_base_/recipes/ins_seg_3x.py']

model = _base_.hrnetv2p_w32
