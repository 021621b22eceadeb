"""The zoo's QDTrack schedule (``qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py``: SGD lr 0.02, momentum
0.9, weight decay 1e-4, for 8 GPUs x 2 images: the optimizer of ``schedule_ins_seg_1x.py``) in
iterations, for the round-robin loop: 12 epochs of the 278K box_track_20 training frames (the
paper's count) at 16 images per iteration are 208,500 iterations, with linear warmup over 1,000 and
the learning rate divided by 10 after epochs 8 and 11 (iterations 139,000 and 191,125).

The schedule of one task trained alone; a config training more tasks stretches it over the
round-robin cycle.
"""
_base_ = './schedule_ins_seg_1x.py'
param_scheduler = [dict(_base_.param_scheduler[0], end=1000),
                   dict(_base_.param_scheduler[1], end=208500, milestones=[139000, 191125])]
train_cfg = dict(max_iters=208500, val_interval=208500)
