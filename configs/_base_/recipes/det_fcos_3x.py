"""Everything but the model for FCOS, 3x: multi-scale training, the FCOS 3x schedule and the mmdet
runtime."""
_base_ = [
    '../datasets/bdd100k_det_mstrain.py',
    '../schedules/bdd100k_det_fcos_3x.py',
    '../runtimes/det.py',
]
