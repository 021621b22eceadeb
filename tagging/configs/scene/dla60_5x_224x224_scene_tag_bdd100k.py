"""DLA-60 scene tagging on 224x224 crops, 5x schedule: the weather setting on the scene."""
_base_ = '../weather/dla60_5x_224x224_weather_tag_bdd100k.py'

train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='scene'))
