"""The BDD100K paper's DLA-34 lane + drivable multitask network sized for a CPU: trains on the
generated sample (``bdd100k-zoo sample``) in minutes. Not a published model.

``dla34_lane_bdd100k_sample.py`` (no ImageNet initialisation, BatchNorm, heads of 128 channels,
640x360 images with 256x512 crops, the short schedule of ``bdd100k_seg_sample.py``) plus a drivable
area head sized like its lane heads, each sample carrying its drivable mask too, and both official
metrics (as ``bdd100k_dla34_lane_drivable.py`` and ``bdd100k_lane_drivable.py`` add to the lane
model and data).
"""
_base_ = './dla34_lane_bdd100k_sample.py'
model = dict(decode_heads=dict(drivable=dict(_base_.seg_head, num_classes=3, **_base_.head)))
train_dataloader = dict(dataset=dict(with_drivable=True))
val_dataloader = test_dataloader = dict(dataset=dict(with_drivable=True))
val_evaluator = test_evaluator = [dict(type='BDD100KLaneMetric', output_subdir='lane'),
                                  dict(type='BDD100KDrivableMetric')]
