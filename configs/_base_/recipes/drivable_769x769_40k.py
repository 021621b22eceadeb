"""``sem_seg_769x769_40k.py`` on the drivable area data (``bdd100k_drivable_769x769.py``)."""
_base_ = [
    '../datasets/bdd100k_drivable_769x769.py',
    '../schedules/bdd100k_seg_40k.py',
    '../runtimes/seg.py',
]
