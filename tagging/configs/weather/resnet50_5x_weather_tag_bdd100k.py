"""ResNet-50 weather tagging on 640x640 crops, 5x schedule, from scratch: the published setting."""
_base_ = './resnet18_4x_weather_tag_bdd100k.py'

model = dict(backbone=dict(depth=50), head=dict(in_channels=2048))
# the 5x schedule (bdd100k_tagging_5x.py): 60 epochs, steps at 30 and 45
param_scheduler = dict(milestones=[30, 45])
train_cfg = dict(max_epochs=60)
