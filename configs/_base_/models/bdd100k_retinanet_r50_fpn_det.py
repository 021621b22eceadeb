"""RetinaNet R-50-FPN (mmdet's) for the 10 BDD100K detection classes."""
_base_ = 'mmdet::_base_/models/retinanet_r50_fpn.py'

model = dict(bbox_head=dict(num_classes=10))
