"""ResNet-101 scene tagging on 640x640 crops, 5x schedule: the weather setting on the scene."""
_base_ = '../weather/resnet101_5x_weather_tag_bdd100k.py'

train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='scene'))
