"""The generated sample's anomaly split (``bdd100k-zoo sample``), sized for a CPU.

Train and validate as ``bdd100k_sem_seg_sample.py`` (the sample's training images hold no unknown
objects); test every anomaly score on the ``anomaly`` split (objects of no BDD100K class on and
beside the road, ``labels/anomaly/masks/anomaly``; the 19 BDD100K classes, so no info file) with
``BDD100KAnomalyMetric``.
"""
_base_ = './bdd100k_sem_seg_sample.py'
from bdd100k_zoo.config_edits.anomaly import anomaly_test_data  # noqa: E402
anomaly_test_pipeline, test_dataloader, test_evaluator = anomaly_test_data(
    _base_, batch_size=2, data_root=_base_.data_root, split='anomaly', info_file=None)
