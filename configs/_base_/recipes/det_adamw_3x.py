"""Everything but the model for the Swin detectors, 3x: multi-scale training, the AdamW 3x schedule
and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_det_mstrain.py',
    '../schedules/bdd100k_det_adamw_3x.py',
    '../runtimes/det.py',
]
