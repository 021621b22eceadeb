"""BDD100K semantic segmentation on the generated sample (``bdd100k-zoo sample``), sized for a CPU:
images at 640x360, 256x512 crops, 4 images per batch; the official layout, masks and metric as in
``bdd100k_sem_seg.py``. Not a published setting."""
_base_ = './bdd100k_sem_seg.py'
data_root = 'data/bdd100k_sample/'
crop_size = (256, 512)
image_scale = (640, 360)
meta_keys = _base_.meta_keys

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='BDD100KLoadAnnotations'),
    dict(type='RandomResize', scale=image_scale, ratio_range=(0.75, 1.5), keep_ratio=True),
    dict(type='RandomCrop', crop_size=crop_size, cat_max_ratio=0.75),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=image_scale, keep_ratio=True),
    dict(type='BDD100KLoadAnnotations'),
    dict(type='PackSegInputs', meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=4, dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=2, dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
