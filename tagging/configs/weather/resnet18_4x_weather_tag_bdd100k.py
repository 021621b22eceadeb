"""ResNet-18 weather tagging on 640x640 crops, 4x schedule, from scratch: the published setting."""
_base_ = [
    'mmpretrain::_base_/models/resnet18.py',
    '../../../configs/_base_/datasets/bdd100k_tagging_640x640.py',
    '../../../configs/_base_/schedules/bdd100k_tagging_4x.py',
]
model = dict(head=dict(num_classes=7))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='weather'))
