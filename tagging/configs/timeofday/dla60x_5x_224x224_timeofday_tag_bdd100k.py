"""DLA-X-60 time-of-day tagging on 224x224 crops, 5x schedule: weather's recipe from ImageNet."""
_base_ = '../weather/dla60x_5x_224x224_weather_tag_bdd100k.py'

model = dict(backbone=dict(num_classes=4, init_cfg=dict(
    type='Pretrained', checkpoint='http://dl.yf.io/dla/models/imagenet/dla60x-d15cacda.pth')))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='timeofday'))
