"""ATSS R-50-FPN with 6 DyHead blocks, 1x schedule (SGD lr 0.02), 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_atss_r50_fpn_dyhead_det.py',
          '../../../configs/_base_/recipes/det_1x.py']

optim_wrapper = dict(optimizer=dict(lr=0.02))
