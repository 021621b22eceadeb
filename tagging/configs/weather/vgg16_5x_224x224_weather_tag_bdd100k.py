"""VGG-16 weather tagging on 224x224 crops, 5x schedule: the published model's setting.

As in the earlier BDD100K zoo: 32 images per GPU x 4 GPUs,
60 epochs of SGD (lr 0.1, divided by 10 at epochs 30 and 45), trained from
scratch (its config had no ImageNet initialisation).
"""
_base_ = [
    'mmpretrain::_base_/models/vgg16.py',
    '../../../configs/_base_/datasets/bdd100k_tagging.py',
    '../../../configs/_base_/schedules/bdd100k_tagging_5x.py',
]
model = dict(backbone=dict(num_classes=7))
train_dataloader = dict(dataset=dict(attribute='weather'))
val_dataloader = dict(dataset=dict(attribute='weather'))
test_dataloader = val_dataloader
