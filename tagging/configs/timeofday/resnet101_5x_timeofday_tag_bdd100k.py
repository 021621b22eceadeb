"""ResNet-101 time-of-day tagging on 640x640 crops, 5x schedule: weather's recipe from ImageNet."""
_base_ = '../weather/resnet101_5x_weather_tag_bdd100k.py'

model = dict(head=dict(num_classes=4), backbone=dict(init_cfg=dict(
    type='Pretrained', prefix='backbone',
    checkpoint='https://download.openmmlab.com/mmclassification/v0/resnet/resnet101_8xb32_in1k_20210831-539c63f8.pth')))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='timeofday'))
