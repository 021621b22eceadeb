"""ResNet-18 scene tagging on 640x640 crops, 4x schedule: the weather setting on the scene."""
_base_ = '../weather/resnet18_4x_weather_tag_bdd100k.py'

train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='scene'))
