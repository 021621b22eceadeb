"""ResNet-101 time-of-day tagging on 640x640 crops, 5x schedule, from ImageNet weights.

The recipe of the published weather model on the third attribute (no published weights
yet): 12 images per GPU x 4 GPUs, 60 epochs of SGD (lr 0.1, divided by 10 at epochs 30 and 45),
the backbone initialised from its ImageNet weights.
"""
_base_ = [
    'mmpretrain::_base_/models/resnet101.py',
    '../../../configs/_base_/datasets/bdd100k_tagging_640x640.py',
    '../../../configs/_base_/schedules/bdd100k_tagging_5x.py',
]
model = dict(
    backbone=dict(init_cfg=dict(
        type='Pretrained',
        checkpoint='https://download.openmmlab.com/mmclassification/v0/resnet/resnet101_8xb32_in1k_20210831-539c63f8.pth',
        prefix='backbone')),
    head=dict(num_classes=4))
train_dataloader = dict(dataset=dict(attribute='timeofday'))
val_dataloader = dict(dataset=dict(attribute='timeofday'))
test_dataloader = val_dataloader
