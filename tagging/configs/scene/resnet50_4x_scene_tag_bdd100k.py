"""ResNet-50 scene tagging on 640x640 crops, 4x schedule, from scratch: the published setting."""
_base_ = './resnet34_4x_scene_tag_bdd100k.py'

model = dict(backbone=dict(depth=50), head=dict(in_channels=2048))
