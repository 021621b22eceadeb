"""Faster R-CNN R-50-FPN, 1x schedule, 1280x720, 8 GPUs x 4 images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_faster_rcnn_r50_fpn_det.py',
    '../../../configs/_base_/datasets/bdd100k_det.py',
    '../../../configs/_base_/schedules/bdd100k_det_1x.py',
    '../../../configs/_base_/runtimes/det.py',
]
