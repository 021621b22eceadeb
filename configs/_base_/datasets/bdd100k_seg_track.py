"""BDD100K segmentation tracking (seg_track_20) for QDTrack with a mask head: the data of the
published PCAN model's first stage.

``bdd100k_box_track.py`` with instance masks loaded along with the boxes, training on the
seg_track_20 videos and the ins_seg images (as one-frame videos), testing on the seg_track_20 val
videos (``bdd100k_seg_track_masks.py``), scored with the official MOTS metric
(``BDD100KSegTrackMetric``).
"""
_base_ = ['./bdd100k_box_track.py', './bdd100k_seg_track_masks.py']
train_pipeline, test_pipeline = _base_.train_pipeline, _base_.test_pipeline
train_pipeline[1].transforms[1].with_mask = test_pipeline[0].transforms[2].with_mask = True
train_dataloader = dict(dataset=dict(pipeline=train_pipeline, datasets=[
    dict(box, **masks)
    for box, masks in zip(_base_.train_dataloader.dataset.datasets, _base_.pop('seg_train_sets'))]))
val_dataloader = test_dataloader = dict(
    dataset=dict(_base_.pop('seg_val_set'), pipeline=test_pipeline))
val_evaluator = test_evaluator = dict(type='BDD100KSegTrackMetric')
