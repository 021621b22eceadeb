"""``sem_seg_adamw_40k.py`` (Swin, ViT) on the drivable area data (``bdd100k_drivable.py``)."""
_base_ = [
    '../datasets/bdd100k_drivable.py',
    '../schedules/bdd100k_seg_adamw_40k.py',
    '../runtimes/seg.py',
]
