"""ResNet-50 scene tagging on 640x640 crops, 4x schedule: the published model's setting.

As in the earlier BDD100K zoo: 12 images per GPU x 4 GPUs,
48 epochs of SGD (lr 0.1, divided by 10 at epochs 24 and 36), trained from
scratch (its config had no ImageNet initialisation).
"""
_base_ = [
    'mmpretrain::_base_/models/resnet50.py',
    '../../../configs/_base_/datasets/bdd100k_tagging_640x640.py',
    '../../../configs/_base_/schedules/bdd100k_tagging_4x.py',
]
model = dict(head=dict(num_classes=7))
train_dataloader = dict(dataset=dict(attribute='scene'))
val_dataloader = dict(dataset=dict(attribute='scene'))
test_dataloader = val_dataloader
