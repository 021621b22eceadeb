"""The zoo's MOTS schedule (``qdtrack-mrcnn_r50_fpn_12e_mots_bdd100k.py``: SGD lr 0.01, momentum
0.9, weight decay 1e-4, for 4 GPUs x 2 images) in iterations, for the round-robin loop: 12 epochs
of the 12K MOTS training frames the paper counts at 8 images per iteration are 18,000 iterations,
with linear warmup over 1,000 and the learning rate divided by 10 after epochs 8 and 11 (iterations
12,000 and 16,500).

The schedule of one task trained alone; a config training more tasks stretches it over the
round-robin cycle.
"""
_base_ = './schedule_mot_12e.py'
optim_wrapper = dict(optimizer=dict(lr=0.01))
auto_scale_lr = dict(base_batch_size=8)
param_scheduler = [dict(_base_.param_scheduler[0]),
                   dict(_base_.param_scheduler[1], end=18000, milestones=[12000, 16500])]
train_cfg = dict(max_iters=18000, val_interval=18000)
