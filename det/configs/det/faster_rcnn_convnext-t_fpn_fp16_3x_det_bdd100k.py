"""Faster R-CNN with a ConvNeXt-T backbone, mixed precision, 3x schedule (AdamW, layer-wise lr
decay), multi-scale training, 8 GPUs x 4 images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_faster_rcnn_r50_fpn_det.py',
    '../../../configs/_base_/models/bdd100k_convnext_backbones.py',
    '../../../configs/_base_/datasets/bdd100k_det_mstrain.py',
    '../../../configs/_base_/schedules/bdd100k_det_convnext_3x.py',
    '../../../configs/_base_/runtimes/det.py',
]

custom_imports = dict(imports=['bdd100k_zoo.det', 'mmpretrain.models'],
                      allow_failed_imports=False)
model = _base_.convnext_t
