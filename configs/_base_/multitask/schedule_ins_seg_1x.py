"""The zoo's ins_seg 1x schedule (``bdd100k_ins_seg_1x.py``: SGD lr 0.02, momentum 0.9, weight
decay 1e-4, for 8 GPUs x 2 images) in iterations, for the round-robin loop: 12 epochs of the 7,000
ins_seg training images at 16 images per iteration are 5,250 iterations, with linear warmup over
500 and the learning rate divided by 10 after epochs 8 and 11 (iterations 3,500 and 4,813).

This is the schedule of one task trained alone; a config training more tasks stretches it over the
round-robin cycle, so that each task gets the same number of batches at the same learning rates.
"""
_base_ = '../schedules/bdd100k_ins_seg_1x.py'
for _loop in ('train_cfg', 'val_cfg', 'test_cfg'):
    _base_.pop(_loop)
del _loop
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', by_epoch=False, begin=0, end=5250, milestones=[3500, 4813], gamma=0.1),
]
train_cfg = dict(type='BDD100KRoundRobinTrainLoop', max_iters=5250, val_interval=5250)
