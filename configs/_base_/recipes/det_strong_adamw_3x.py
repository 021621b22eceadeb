"""Everything but the model for the Swin detectors with strong augmentation
(``bdd100k_det_strong.py``: mosaic, mixup, ...), the AdamW 3x schedule and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_det_strong.py',
    '../schedules/bdd100k_det_adamw_3x.py',
    '../runtimes/det.py',
]
