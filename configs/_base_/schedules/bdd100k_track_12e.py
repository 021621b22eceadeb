"""The schedule of the published QDTrack (12 epochs): SGD lr 0.02 (8 GPUs x 2 images), linear warmup
over 1000 iterations from 1/1000, steps at epochs 8 and 11, evaluated every 2 epochs."""
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=12, val_interval=2)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    type='OptimWrapper', optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=1000),
    dict(type='MultiStepLR', by_epoch=True, begin=0, end=12, milestones=[8, 11], gamma=0.1),
]
# the learning rate is the one of 8 GPUs x 2 images
auto_scale_lr = dict(enable=False, base_batch_size=16)
