"""Cascade R-CNN R-50-FPN (mmdet's) for the 10 BDD100K detection classes."""
_base_ = 'mmdet::_base_/models/cascade-rcnn_r50_fpn.py'

model = dict(roi_head=dict(
    bbox_head=[dict(head, num_classes=10) for head in _base_.model.roi_head.bbox_head]))
