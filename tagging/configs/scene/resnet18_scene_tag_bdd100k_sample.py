"""ResNet-18 scene tagging sized for a CPU: the weather sample config on the scene attribute."""
_base_ = '../weather/resnet18_weather_tag_bdd100k_sample.py'

model = dict(head=dict(num_classes=7))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='scene'))
