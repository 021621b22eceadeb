"""What the BDD100K dataset bases of the mmdet image tasks (det, ins_seg, pan_seg) share: the
images at 1280x720 (resized keeping the ratio), the loaders (training batches grouped by aspect
ratio, 2 images per GPU; testing one image at a time, in order) and the meta keys the metrics read.

Not a config of its own: ``bdd100k_det.py``, ``bdd100k_ins_seg.py`` and ``bdd100k_pan_seg.py`` add
the dataset type, the labels and the training pipeline that loads them, and the metric.
"""
data_root = 'data/bdd100k/'
backend_args = None
meta_keys = ('img_id', 'img_path', 'name', 'ori_shape', 'img_shape', 'scale_factor', 'flip',
             'flip_direction')

test_pipeline = [
    dict(type='LoadImageFromFile', backend_args=backend_args),
    dict(type='Resize', scale=(1280, 720), keep_ratio=True),
    dict(type='PackDetInputs', meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=2,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='AspectRatioBatchSampler'),
    dataset=dict(data_root=data_root, backend_args=backend_args))
val_dataloader = dict(
    batch_size=1,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(data_root=data_root, test_mode=True, pipeline=test_pipeline,
                 backend_args=backend_args))
test_dataloader = val_dataloader
