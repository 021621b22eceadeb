"""BDD100K drivable area, the published 769x769 setting: the pipelines of
``bdd100k_sem_seg_769x769.py`` on the drivable data of ``bdd100k_drivable.py``."""
_base_ = './bdd100k_sem_seg_769x769.py'
dataset_type = 'BDD100KDrivableDataset'

train_dataloader = dict(dataset=dict(type=dataset_type))
val_dataloader = test_dataloader = dict(dataset=dict(type=dataset_type))
val_evaluator = test_evaluator = dict(type='BDD100KDrivableMetric')
