"""Faster R-CNN R-50-FPN (mmdet's) for the 10 BDD100K detection classes."""
_base_ = 'mmdet::_base_/models/faster-rcnn_r50_fpn.py'

model = dict(roi_head=dict(bbox_head=dict(num_classes=10)))
