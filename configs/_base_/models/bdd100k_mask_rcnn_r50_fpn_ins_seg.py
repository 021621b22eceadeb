"""Mask R-CNN R-50-FPN (mmdet's) for the 8 BDD100K instance segmentation classes."""
_base_ = 'mmdet::_base_/models/mask-rcnn_r50_fpn.py'

model = dict(roi_head=dict(bbox_head=dict(num_classes=8), mask_head=dict(num_classes=8)))
