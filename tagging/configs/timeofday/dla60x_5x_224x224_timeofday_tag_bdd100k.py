"""DLA-X-60 time-of-day tagging on 224x224 crops, 5x schedule, from ImageNet weights.

The recipe of the published weather model on the third attribute (no published weights
yet): 32 images per GPU x 4 GPUs, 60 epochs of SGD (lr 0.1, divided by 10 at epochs 30 and 45),
the backbone initialised from its ImageNet weights.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_tagging_dla.py',
    '../../../configs/_base_/datasets/bdd100k_tagging.py',
    '../../../configs/_base_/schedules/bdd100k_tagging_5x.py',
]
model = dict(backbone=dict(
    arch='dla60x',
    num_classes=4,
    init_cfg=dict(type='Pretrained', checkpoint='http://dl.yf.io/dla/models/imagenet/dla60x-d15cacda.pth')))
train_dataloader = dict(dataset=dict(attribute='timeofday'))
val_dataloader = dict(dataset=dict(attribute='timeofday'))
test_dataloader = val_dataloader
