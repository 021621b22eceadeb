"""ResNet-34 weather tagging on 224x224 crops, 5x schedule, from scratch: the published setting."""
_base_ = './resnet18_5x_224x224_weather_tag_bdd100k.py'

model = dict(backbone=dict(depth=34))
