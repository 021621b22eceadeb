"""BDD100K lane marking (100K images, lane masks ``labels/lane/masks/<split>``): the 512x1024
setting of ``bdd100k_sem_seg.py`` (8 GPUs x 2 images; resize 0.5-2.0, crop, flip, photometric
distortion; tested on the whole 1280x720 image) with the lane mask loaded and packed as
``gt_lane_map``, and the official boundary F-score (``F1_pix1/2/5``).

Crops keep no class-ratio limit (lane markings are thin: most crops are mostly background). For
the ``poly2d`` labels set ``lane_source='polygons'`` on a dataset; for the test split
``split='test', lane_source=None`` and ``format_only=True`` (with ``output_dir``) on the metric.
"""
_base_ = './bdd100k_sem_seg.py'
dataset_type = 'BDD100KLaneDataset'
meta_keys = _base_.meta_keys + ('lane_map_path',)
lane_train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='BDD100KLoadLaneAnnotations'),
    dict(type='RandomResize', scale=_base_.image_scale, ratio_range=(0.5, 2.0), keep_ratio=True),
    dict(type='RandomCrop', crop_size=_base_.crop_size),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PhotoMetricDistortion'),
    dict(type='BDD100KPackLaneInputs', meta_keys=meta_keys),
]
lane_test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=_base_.image_scale, keep_ratio=True),
    # after Resize: the ground truth stays at full size, where predictions are scored
    dict(type='BDD100KLoadLaneAnnotations'),
    dict(type='BDD100KPackLaneInputs', meta_keys=meta_keys),
]
train_pipeline = lane_train_pipeline
test_pipeline = lane_test_pipeline
train_dataloader = dict(dataset=dict(type=dataset_type, pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(dataset=dict(type=dataset_type, pipeline=test_pipeline))
val_evaluator = test_evaluator = dict(_delete_=True, type='BDD100KLaneMetric')
