"""The zoo's 5x schedule of det: as :file:`bdd100k_det_3x.py` (the 1x schedule stretched) over 60
epochs, steps at 48 and 55.
"""
_base_ = './bdd100k_det_3x.py'

max_epochs = 60
train_cfg = dict(max_epochs=max_epochs)
param_scheduler = [_base_.param_scheduler[0],
                   dict(_base_.param_scheduler[1], end=max_epochs, milestones=[48, 55])]
