"""DANet, R-50-D8: BDD100K drivable area, 512x1024 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 83.96 (val), 83.49 (test).
"""
_base_ = [
    'mmseg::_base_/models/danet_r50-d8.py',
    '../../../configs/_base_/datasets/bdd100k_drivable.py',
    '../../../configs/_base_/runtimes/seg.py',
    '../../../configs/_base_/schedules/bdd100k_seg_40k.py',
]
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    decode_head=dict(num_classes=3),
    auxiliary_head=dict(num_classes=3))
