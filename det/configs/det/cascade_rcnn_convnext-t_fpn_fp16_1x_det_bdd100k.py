"""Cascade R-CNN with a ConvNeXt-T backbone, mixed precision, 1x schedule (AdamW, layer-wise lr
decay), 8 GPUs x 4 images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_cascade_rcnn_r50_fpn_det.py',
    '../../../configs/_base_/models/bdd100k_convnext_backbones.py',
    '../../../configs/_base_/datasets/bdd100k_det.py',
    '../../../configs/_base_/schedules/bdd100k_det_convnext_1x.py',
    '../../../configs/_base_/runtimes/det.py',
]

custom_imports = dict(imports=['bdd100k_zoo.det', 'mmpretrain.models'],
                      allow_failed_imports=False)
model = _base_.convnext_t
