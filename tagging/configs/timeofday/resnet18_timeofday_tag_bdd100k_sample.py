"""ResNet-18 time-of-day tagging sized for a CPU: the weather sample config on the time of day."""
_base_ = '../weather/resnet18_weather_tag_bdd100k_sample.py'

model = dict(head=dict(num_classes=4))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='timeofday'))
