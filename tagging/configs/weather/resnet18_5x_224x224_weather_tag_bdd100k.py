"""ResNet-18 weather tagging on 224x224 crops, 5x schedule, from scratch: the published setting."""
_base_ = ['mmpretrain::_base_/models/resnet18.py',
          '../../../configs/_base_/recipes/tagging_5x.py']
model = dict(head=dict(num_classes=7))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='weather'))
