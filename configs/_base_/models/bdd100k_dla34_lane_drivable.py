"""The BDD100K paper's lane + drivable multitask network (section 5.1, Table 5): the lane marking
network of ``bdd100k_dla34_lane.py`` plus the drivable area head (the DLA head, 3 classes), all on
one shared DLA-34; every batch trains all four heads on images labelled for both tasks."""
_base_ = './bdd100k_dla34_lane.py'
model = dict(decode_heads=dict(drivable=dict(_base_.seg_head, num_classes=3)))
