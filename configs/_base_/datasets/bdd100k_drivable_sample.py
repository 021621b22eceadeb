"""BDD100K drivable area on the generated sample, sized for a CPU: the pipelines and loaders of
``bdd100k_sem_seg_sample.py`` on the drivable data. Not a published setting."""
_base_ = './bdd100k_sem_seg_sample.py'
dataset_type = 'BDD100KDrivableDataset'

train_dataloader = dict(dataset=dict(type=dataset_type))
val_dataloader = test_dataloader = dict(dataset=dict(type=dataset_type))
val_evaluator = test_evaluator = dict(type='BDD100KDrivableMetric')
