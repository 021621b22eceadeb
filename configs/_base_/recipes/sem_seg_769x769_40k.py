"""Everything but the model for BDD100K semantic segmentation at 769x769 crops:
``bdd100k_sem_seg_769x769.py``, the CNN schedule of 40K iterations and the mmseg runtime. The
models test with 769x769 sliding windows and ``align_corners=True``: a config that inherits this
file and an mmseg model base applies them with ``model = _base_.slide_769x769``."""
_base_ = [
    '../datasets/bdd100k_sem_seg_769x769.py',
    '../schedules/bdd100k_seg_40k.py',
    '../runtimes/seg.py',
]
