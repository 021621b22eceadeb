"""``sem_seg_convnext_40k.py`` (ConvNeXt) on the drivable area data (``bdd100k_drivable.py``)."""
_base_ = [
    '../datasets/bdd100k_drivable.py',
    '../schedules/bdd100k_seg_convnext_40k.py',
    'mmseg::_base_/default_runtime.py',
]
