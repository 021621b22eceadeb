"""The published CNN schedule over 80K iterations (a checkpoint every 8K): mmseg's own 80K schedule,
validating at the end (see ``bdd100k_seg_40k.py``)."""
_base_ = 'mmseg::_base_/schedules/schedule_80k.py'
train_cfg = dict(val_interval=80000)
