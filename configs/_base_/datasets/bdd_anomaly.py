"""BDD-Anomaly (``bdd100k-zoo anomaly build``): the zoo's sem_seg setting on the known classes.

Train on ``train`` (17 known classes by default: the classes and palette come from the root's
``bdd_anomaly.json``), validate the known classes' mIoU on ``val`` with mmseg's ``IoUMetric``, and
test every anomaly score on ``test`` (the images holding a held-out class) with
``BDD100KAnomalyMetric``: pooled AP, AUROC, FPR95 (Fishyscapes rule), Segment-Me-If-You-Can
components and the known classes' mIoU. Pipelines, sizes and batches as ``bdd100k_sem_seg.py``.
"""
_base_ = './bdd100k_sem_seg.py'
from bdd100k_zoo.config_edits.anomaly import anomaly_test_data  # noqa: E402
dataset_type = 'BDD100KAnomalyDataset'
data_root = 'data/bdd_anomaly/'

train_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root, split='train'))
val_dataloader = dict(dataset=dict(type=dataset_type, data_root=data_root, split='val'))
anomaly_test_pipeline, test_dataloader, test_evaluator = anomaly_test_data(
    _base_, batch_size=1, data_root=data_root, split='test')

val_evaluator = dict(_delete_=True, type='IoUMetric', iou_metrics=['mIoU'])
