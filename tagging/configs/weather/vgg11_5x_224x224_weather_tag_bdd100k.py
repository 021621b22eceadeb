"""VGG-11 weather tagging on 224x224 crops, 5x schedule with SGD lr 0.01, from scratch: the published
setting."""
_base_ = ['mmpretrain::_base_/models/vgg11.py',
          '../../../configs/_base_/recipes/tagging_5x.py']
model = dict(backbone=dict(num_classes=7))
optim_wrapper = dict(optimizer=dict(lr=0.01))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='weather'))
