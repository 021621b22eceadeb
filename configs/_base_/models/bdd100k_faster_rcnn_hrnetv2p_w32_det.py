"""Faster R-CNN with an HRNetV2p-W32 backbone and HRFPN (``bdd100k_hrnet_backbones.py``); a config
that inherits this file gets the W18 and W40 models with ``model = _base_.hrnetv2p_w18``."""
_base_ = ['./bdd100k_faster_rcnn_r50_fpn_det.py', './bdd100k_hrnet_backbones.py']

model = _base_.hrnetv2p_w32
