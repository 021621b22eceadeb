"""DLA-60 weather tagging on 224x224 crops, 5x schedule, from scratch: the published setting."""
_base_ = './dla34_5x_224x224_weather_tag_bdd100k.py'

model = dict(backbone=dict(arch='dla60'))
