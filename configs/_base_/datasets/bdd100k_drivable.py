"""BDD100K drivable area (100K images, masks ``labels/drivable/masks/<split>``): the published
512x1024 setting, the same pipelines and loaders as ``bdd100k_sem_seg.py``; the metric scores
direct and alternative (background is ignored, as officially).

``drivable_model`` holds the model settings of this setting for an mmseg model base with a decode
and an auxiliary head, ``drivable_model_no_aux`` for one with a decode head only: a config that
inherits this file and such a base applies them with ``model = _base_.drivable_model`` (or
``_no_aux``; mmengine merges the patch into the base's ``model``).

For sliced scores add ``attributes_file='labels/det_20/det_val.json'`` (the same 100K images) to the
val dataset and ``slice_by=('weather', 'scene', 'timeofday')`` to the evaluator.
"""
_base_ = './bdd100k_sem_seg.py'
dataset_type = 'BDD100KDrivableDataset'

train_dataloader = dict(dataset=dict(type=dataset_type))
val_dataloader = test_dataloader = dict(dataset=dict(type=dataset_type))
val_evaluator = test_evaluator = dict(type='BDD100KDrivableMetric')

# the model patches of this setting: the input size and the 3 classes on each head
drivable_model_no_aux = dict(
    data_preprocessor=dict(size=_base_.crop_size),
    decode_head=dict(num_classes=3))
drivable_model = dict(drivable_model_no_aux, auxiliary_head=dict(num_classes=3))
