"""The zoo's 5x schedule of det: as :file:`bdd100k_det_1x.py` over 60 epochs, steps at 48 and
55.
"""
_base_ = './bdd100k_det_1x.py'

max_epochs = 60
train_cfg = dict(max_epochs=max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True, milestones=[48, 55],
         gamma=0.1),
]
