"""Everything but the model for BDD100K semantic segmentation at 512x1024 crops:
``bdd100k_sem_seg.py``, the CNN schedule of 80K iterations and the mmseg runtime."""
_base_ = [
    '../datasets/bdd100k_sem_seg.py',
    '../schedules/bdd100k_seg_80k.py',
    '../runtimes/seg.py',
]
