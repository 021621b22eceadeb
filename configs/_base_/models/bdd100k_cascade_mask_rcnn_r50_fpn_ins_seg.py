"""Cascade Mask R-CNN R-50-FPN (mmdet's) for the 8 BDD100K instance segmentation classes."""
_base_ = 'mmdet::_base_/models/cascade-mask-rcnn_r50_fpn.py'

model = dict(roi_head=dict(
    bbox_head=[dict(head, num_classes=8) for head in _base_.model.roi_head.bbox_head],
    mask_head=dict(num_classes=8)))
