"""PointRend, R-50-FPN: BDD100K drivable area, 512x1024 crops, 40K iterations, 8 GPUs x 2 images.

Published: mIoU 77.33 (val), 76.81 (test).
"""
_base_ = ['mmseg::_base_/models/pointrend_r50.py',
          '../../../configs/_base_/recipes/drivable_40k.py']
model = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    decode_head=[dict(head, num_classes=3) for head in _base_.model.decode_head])
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=200),
    dict(type='PolyLR', eta_min=1e-4, power=0.9, by_epoch=False, begin=200, end=40000),
]
