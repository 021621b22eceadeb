"""Everything but the model for ins_seg, 1x: ``bdd100k_ins_seg.py`` (1280x720, 8 GPUs x 2 images),
the ins_seg 1x schedule (SGD lr 0.02, 12 epochs) and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_ins_seg.py',
    '../schedules/bdd100k_ins_seg_1x.py',
    '../runtimes/det.py',
]
