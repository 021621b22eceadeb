"""Everything but the model for the Swin detectors, 1x: ``bdd100k_det.py``, the AdamW 1x schedule
and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_det.py',
    '../schedules/bdd100k_det_adamw_1x.py',
    '../runtimes/det.py',
]
