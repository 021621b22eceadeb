"""Everything but the model for det, 3x: multi-scale training (``bdd100k_det_mstrain.py``), the 3x
schedule (36 epochs) and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_det_mstrain.py',
    '../schedules/bdd100k_det_3x.py',
    '../runtimes/det.py',
]
