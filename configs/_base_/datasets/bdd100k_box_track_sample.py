"""``bdd100k_box_track.py`` on the generated sample (``bdd100k-zoo sample``), sized for a CPU: the
published data settings at the sample's paths and at 800x450, keeping boxes of any size (80% of the
sample's tracked boxes are 9-72 pixels tall at this scale), one loading worker."""
_base_ = './bdd100k_box_track.py'
data_root = 'data/bdd100k_sample/'
image_scale = (800, 450)
filter_cfg = dict(filter_empty_gt=True, min_size=0)

train_pipeline = _base_.train_pipeline
test_pipeline = _base_.test_pipeline
for _transform in train_pipeline[1].transforms + test_pipeline[0].transforms:
    if _transform.type == 'Resize':
        _transform.scale = image_scale
train_dataloader = _base_.train_dataloader
for _dataset in train_dataloader.dataset.datasets:
    _dataset.update(data_root=data_root, filter_cfg=filter_cfg)
train_dataloader.num_workers = 1
train_dataloader.dataset.pipeline = train_pipeline
val_dataloader = dict(num_workers=1, dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
del _transform, _dataset
