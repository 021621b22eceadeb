"""``sem_seg_80k.py`` on the drivable area data (``bdd100k_drivable.py``)."""
_base_ = [
    '../datasets/bdd100k_drivable.py',
    '../schedules/bdd100k_seg_80k.py',
    '../runtimes/seg.py',
]
