"""Everything but the model for det, 5x: multi-scale training, the 5x schedule (60 epochs) and the
mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_det_mstrain.py',
    '../schedules/bdd100k_det_5x.py',
    '../runtimes/det.py',
]
