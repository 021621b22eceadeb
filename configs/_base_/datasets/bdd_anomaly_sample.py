"""The generated sample's anomaly split (``bdd100k-zoo sample``), sized for a CPU.

Train and validate as ``bdd100k_sem_seg_sample.py`` (the sample's training images hold no unknown
objects); test every anomaly score on the ``anomaly`` split (objects of no BDD100K class on and
beside the road, ``labels/anomaly/masks/anomaly``; the 19 BDD100K classes, so no info file) with
``BDD100KAnomalyMetric``.
"""
_base_ = './bdd100k_sem_seg_sample.py'

anomaly_test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=_base_.image_scale, keep_ratio=True),
    dict(type='BDD100KLoadAnomalyAnnotations'),
    dict(type='BDD100KPackAnomalyInputs', meta_keys=_base_.meta_keys),
]
test_dataloader = dict(
    batch_size=2,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='BDD100KAnomalyDataset', data_root=_base_.data_root, split='anomaly',
                 info_file=None, test_mode=True, pipeline=anomaly_test_pipeline))
test_evaluator = dict(_delete_=True, type='BDD100KAnomalyMetric')
