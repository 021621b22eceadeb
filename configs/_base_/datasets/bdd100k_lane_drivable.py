"""BDD100K lane marking and drivable area together: ``bdd100k_lane.py`` on the images labelled for
both (the same 100K images), each sample carrying its lane mask (``gt_lane_map``) and its drivable
mask (``gt_sem_seg``; ``BDD100KLoadLaneAnnotations`` loads both); scored by both official metrics.
"""
_base_ = './bdd100k_lane.py'
train_dataloader = dict(dataset=dict(with_drivable=True))
val_dataloader = test_dataloader = dict(dataset=dict(with_drivable=True))
val_evaluator = test_evaluator = [dict(type='BDD100KLaneMetric', output_subdir='lane'),
                                  dict(type='BDD100KDrivableMetric')]
