"""The published CNN schedule over 80K iterations (``bdd100k_seg_80k.py``) on the lane marking
data (``bdd100k_lane.py``)."""
_base_ = [
    '../datasets/bdd100k_lane.py',
    '../schedules/bdd100k_seg_80k.py',
    '../runtimes/seg.py',
]
