"""VGG-13 time-of-day tagging on 224x224 crops, 5x schedule: weather's recipe from ImageNet."""
_base_ = '../weather/vgg13_5x_224x224_weather_tag_bdd100k.py'

model = dict(backbone=dict(num_classes=4, init_cfg=dict(
    type='Pretrained', prefix='backbone',
    checkpoint='https://download.openmmlab.com/mmclassification/v0/vgg/vgg13_batch256_imagenet_20210208-4d1d6080.pth')))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='timeofday'))
