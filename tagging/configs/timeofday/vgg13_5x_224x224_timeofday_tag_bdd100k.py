"""VGG-13 time-of-day tagging on 224x224 crops, 5x schedule, from ImageNet weights.

The recipe of the published weather model on the third attribute (no published weights
yet): 32 images per GPU x 4 GPUs, 60 epochs of SGD (lr 0.1, divided by 10 at epochs 30 and 45),
the backbone initialised from its ImageNet weights.
"""
_base_ = [
    'mmpretrain::_base_/models/vgg13.py',
    '../../../configs/_base_/datasets/bdd100k_tagging.py',
    '../../../configs/_base_/schedules/bdd100k_tagging_5x.py',
]
model = dict(backbone=dict(
    num_classes=4,
    init_cfg=dict(
        type='Pretrained',
        checkpoint='https://download.openmmlab.com/mmclassification/v0/vgg/vgg13_batch256_imagenet_20210208-4d1d6080.pth',
        prefix='backbone')))
train_dataloader = dict(dataset=dict(attribute='timeofday'))
val_dataloader = dict(dataset=dict(attribute='timeofday'))
test_dataloader = val_dataloader
