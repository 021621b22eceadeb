"""BDD100K drivable area (100K images, masks ``labels/drivable/masks/<split>``): the published
512x1024 setting, the same pipelines and loaders as ``bdd100k_sem_seg.py``; the metric scores
direct and alternative (background is ignored, as officially).

For sliced scores add ``attributes_file='labels/det_20/det_val.json'`` (the same 100K images) to the
val dataset and ``slice_by=('weather', 'scene', 'timeofday')`` to the evaluator.
"""
_base_ = './bdd100k_sem_seg.py'
dataset_type = 'BDD100KDrivableDataset'

train_dataloader = dict(dataset=dict(type=dataset_type))
val_dataloader = test_dataloader = dict(dataset=dict(type=dataset_type))
val_evaluator = test_evaluator = dict(type='BDD100KDrivableMetric')
