"""ResNet-18 time-of-day tagging on 224x224 crops, 5x schedule: weather's recipe from ImageNet."""
_base_ = '../weather/resnet18_5x_224x224_weather_tag_bdd100k.py'

model = dict(head=dict(num_classes=4), backbone=dict(init_cfg=dict(
    type='Pretrained', prefix='backbone',
    checkpoint='https://download.openmmlab.com/mmclassification/v0/resnet/resnet18_8xb32_in1k_20210831-fbbb1da6.pth')))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='timeofday'))
