"""VGG-11 weather tagging on 224x224 crops, 5x schedule, from scratch: the published setting."""
_base_ = [
    'mmpretrain::_base_/models/vgg11.py',
    '../../../configs/_base_/datasets/bdd100k_tagging.py',
    '../../../configs/_base_/schedules/bdd100k_tagging_5x.py',
]
model = dict(backbone=dict(num_classes=7))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='weather'))
