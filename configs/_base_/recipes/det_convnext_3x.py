"""Everything but the model for the ConvNeXt detectors, 3x: multi-scale training, the ConvNeXt 3x
schedule and the mmdet runtime with mmpretrain's models."""
_base_ = [
    '../datasets/bdd100k_det_mstrain.py',
    '../schedules/bdd100k_det_convnext_3x.py',
    '../runtimes/det_mmpretrain.py',
]
