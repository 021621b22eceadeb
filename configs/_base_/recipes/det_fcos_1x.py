"""Everything but the model for FCOS, 1x: ``bdd100k_det.py``, the FCOS 1x schedule (SGD lr 0.01,
gradient clipping, constant warmup) and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_det.py',
    '../schedules/bdd100k_det_fcos_1x.py',
    '../runtimes/det.py',
]
