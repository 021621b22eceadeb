"""Faster R-CNN with a Swin-T backbone (``bdd100k_swin_backbones.py``); a config that inherits this
file gets the S and B backbones with ``model = _base_.swin_s`` (or ``swin_b``)."""
_base_ = ['./bdd100k_faster_rcnn_r50_fpn_det.py', './bdd100k_swin_backbones.py']

model = _base_.swin_t
