"""BDD100K lane marking and drivable area together on the generated sample, sized for a CPU:
``bdd100k_lane_sample.py`` with the drivable masks and metric of ``bdd100k_lane_drivable.py``.
Not a published setting."""
_base_ = './bdd100k_lane_sample.py'
train_dataloader = dict(dataset=dict(with_drivable=True))
val_dataloader = test_dataloader = dict(dataset=dict(with_drivable=True))
val_evaluator = test_evaluator = [dict(type='BDD100KLaneMetric', output_subdir='lane'),
                                  dict(type='BDD100KDrivableMetric')]
