"""ATSS R-50-FPN, 1x schedule (SGD lr 0.02), 8 GPUs x 4 images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_atss_r50_fpn_det.py',
    '../../../configs/_base_/datasets/bdd100k_det.py',
    '../../../configs/_base_/schedules/bdd100k_det_1x.py',
    '../../../configs/_base_/runtimes/det.py',
]

optim_wrapper = dict(optimizer=dict(lr=0.02))
