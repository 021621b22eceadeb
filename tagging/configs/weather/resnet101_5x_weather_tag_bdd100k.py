"""ResNet-101 weather tagging on 640x640 crops, 5x schedule, from scratch, 8 images per GPU x 4 GPUs:
the published setting."""
_base_ = './resnet50_5x_weather_tag_bdd100k.py'

model = dict(backbone=dict(depth=101))
train_dataloader = dict(batch_size=8)
auto_scale_lr = dict(base_batch_size=32)
