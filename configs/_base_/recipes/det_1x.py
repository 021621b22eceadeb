"""Everything but the model for det, 1x: ``bdd100k_det.py`` (1280x720, 8 GPUs x 4 images), the
1x schedule (SGD lr 0.04, 12 epochs) and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_det.py',
    '../schedules/bdd100k_det_1x.py',
    '../runtimes/det.py',
]
