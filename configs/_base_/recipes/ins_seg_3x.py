"""Everything but the model for ins_seg, 3x: multi-scale training (``bdd100k_ins_seg_mstrain.py``),
the ins_seg 3x schedule (36 epochs) and the mmdet runtime."""
_base_ = [
    '../datasets/bdd100k_ins_seg_mstrain.py',
    '../schedules/bdd100k_ins_seg_3x.py',
    '../runtimes/det.py',
]
