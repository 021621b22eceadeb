"""ResNet-18 weather tagging on 640x640 crops, 4x schedule, from scratch: the published setting."""
_base_ = ['mmpretrain::_base_/models/resnet18.py',
          '../../../configs/_base_/recipes/tagging_640x640_4x.py']
model = dict(head=dict(num_classes=7))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='weather'))
