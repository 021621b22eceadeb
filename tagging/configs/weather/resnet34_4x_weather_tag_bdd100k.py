"""ResNet-34 weather tagging on 640x640 crops, 4x schedule, from scratch: the published setting."""
_base_ = './resnet18_4x_weather_tag_bdd100k.py'

model = dict(backbone=dict(depth=34))
