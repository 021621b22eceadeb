"""PSPNet, R-50-D8: BDD100K drivable area, 769x769 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 83.51 (val), 82.68 (test).
"""
_base_ = [
    'mmseg::_base_/models/pspnet_r50-d8.py',
    '../../../configs/_base_/datasets/bdd100k_drivable_769x769.py',
    '../../../configs/_base_/runtimes/seg.py',
    '../../../configs/_base_/schedules/bdd100k_seg_40k.py',
]
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    decode_head=dict(num_classes=3, align_corners=True),
    auxiliary_head=dict(num_classes=3, align_corners=True),
    test_cfg=dict(mode='slide', crop_size=(769, 769), stride=(513, 513)))
