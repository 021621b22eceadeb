"""Everything but the model for the ConvNeXt detectors, 1x: ``bdd100k_det.py``, the ConvNeXt 1x
schedule (AdamW, layer-wise lr decay, mixed precision) and the mmdet runtime with mmpretrain's
models (the ConvNeXt backbone)."""
_base_ = [
    '../datasets/bdd100k_det.py',
    '../schedules/bdd100k_det_convnext_1x.py',
    '../runtimes/det_mmpretrain.py',
]
