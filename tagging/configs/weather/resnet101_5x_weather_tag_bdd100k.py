"""ResNet-101 weather tagging on 640x640 crops, 5x schedule, from scratch: the published setting."""
_base_ = './resnet50_5x_weather_tag_bdd100k.py'

model = dict(backbone=dict(depth=101))
