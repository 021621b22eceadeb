"""The published CNN schedule: SGD (lr 0.01, momentum 0.9, weight decay 5e-4), poly decay (power
0.9, down to 1e-4), 40K iterations, a checkpoint every 4K: mmseg's own 40K schedule.

Validation runs once, at the end: the published models were not evaluated while training (and a
round on drivable's 10K validation images costs about as much as 2K training iterations).
"""
_base_ = 'mmseg::_base_/schedules/schedule_40k.py'
train_cfg = dict(val_interval=40000)
