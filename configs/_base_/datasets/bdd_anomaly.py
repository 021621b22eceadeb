"""BDD-Anomaly (``bdd100k-zoo anomaly build``): the zoo's sem_seg setting on the known classes.

Train on ``train`` (17 known classes by default: the classes and palette come from the root's
``bdd_anomaly.json``), validate the known classes' mIoU on ``val`` with mmseg's ``IoUMetric``, and
test every anomaly score on ``test`` (the images holding a held-out class) with
``BDD100KAnomalyMetric``: pooled AP, AUROC, FPR95 (Fishyscapes rule), Segment-Me-If-You-Can
components and the known classes' mIoU. Pipelines, sizes and batches as ``bdd100k_sem_seg.py``.
"""
_base_ = './bdd100k_sem_seg.py'
dataset_type = 'BDD100KAnomalyDataset'
data_root = 'data/bdd_anomaly/'

anomaly_test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=_base_.image_scale, keep_ratio=True),
    # after Resize: both ground-truth maps stay at full size, where predictions are scored
    dict(type='BDD100KLoadAnomalyAnnotations'),
    dict(type='BDD100KPackAnomalyInputs', meta_keys=_base_.meta_keys),
]
train_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root, split='train'))
val_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root, split='val'))
test_dataloader = dict(
    batch_size=1,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, data_root=data_root, split='test', test_mode=True,
                 pipeline=anomaly_test_pipeline))

val_evaluator = dict(_delete_=True, type='IoUMetric', iou_metrics=['mIoU'])
test_evaluator = dict(_delete_=True, type='BDD100KAnomalyMetric')
