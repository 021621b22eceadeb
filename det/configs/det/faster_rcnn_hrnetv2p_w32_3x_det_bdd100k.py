"""Faster R-CNN with an HRNetV2p-W32 backbone and HRFPN, 3x schedule (SGD lr 0.02), multi-scale
training, 8 GPUs x 2 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_faster_rcnn_hrnetv2p_w32_det.py',
          '../../../configs/_base_/recipes/det_8xb2_3x.py']

optim_wrapper = dict(optimizer=dict(lr=0.02))
