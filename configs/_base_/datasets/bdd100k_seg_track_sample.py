"""``bdd100k_seg_track.py`` on the generated sample (``bdd100k-zoo sample``), sized for a CPU:
``bdd100k_box_track_sample.py`` (the sample's paths, 800x450, boxes of any size, one loading worker)
with the seg_track_20 sets of ``bdd100k_seg_track_masks.py``, applied as ``bdd100k_seg_track.py``
applies them."""
_base_ = ['./bdd100k_box_track_sample.py', './bdd100k_seg_track_masks.py']
train_pipeline, test_pipeline = _base_.train_pipeline, _base_.test_pipeline
train_pipeline[1].transforms[1].with_mask = test_pipeline[0].transforms[2].with_mask = True
train_dataloader = dict(dataset=dict(pipeline=train_pipeline, datasets=[
    dict(box, **masks)
    for box, masks in zip(_base_.train_dataloader.dataset.datasets, _base_.pop('seg_train_sets'))]))
val_dataloader = test_dataloader = dict(
    dataset=dict(_base_.pop('seg_val_set'), pipeline=test_pipeline))
val_evaluator = test_evaluator = dict(type='BDD100KSegTrackMetric')
