"""Everything but the model for BDD100K semantic segmentation at 512x1024 crops:
``bdd100k_sem_seg.py``, the CNN schedule of 40K iterations (SGD lr 0.01, poly decay) and the mmseg
runtime."""
_base_ = [
    '../datasets/bdd100k_sem_seg.py',
    '../schedules/bdd100k_seg_40k.py',
    '../runtimes/seg.py',
]
