"""ResNet-101 scene tagging on 640x640 crops, 5x schedule: the weather setting on the scene, with 12
images per GPU x 4 GPUs as published (the weather model used 8 per GPU)."""
_base_ = '../weather/resnet101_5x_weather_tag_bdd100k.py'

train_dataloader = dict(batch_size=12, dataset=dict(attribute='scene'))
val_dataloader = test_dataloader = dict(dataset=dict(attribute='scene'))
auto_scale_lr = dict(base_batch_size=48)
