"""The zoo's 80K segmentation schedule (``bdd100k_seg_80k.py``: SGD lr 0.01, momentum 0.9, weight
decay 5e-4, poly decay to 1e-4 over 80,000 iterations, for 8 GPUs x 2 images) for the round-robin
loop.

The schedule of one task trained alone; a config training more tasks stretches it over the
round-robin cycle.
"""
_base_ = '../schedules/bdd100k_seg_80k.py'
for _key in ('train_cfg', 'val_cfg', 'test_cfg', 'default_hooks'):
    _base_.pop(_key)
del _key
train_cfg = dict(type='BDD100KRoundRobinTrainLoop', max_iters=80000, val_interval=80000)
