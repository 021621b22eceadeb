"""What segmentation tracking (seg_track_20) changes in a box-tracking data config, as data: the
training sets, the seg_track_20 videos and the ins_seg images (as one-frame videos) in place of the
box_track_20 videos and the det_20 images, and the seg_track_20 val videos, all with RLE labels.

A config lists this file after its box-tracking parent and applies it with
``seg_track_data(_base_)`` (``bdd100k_zoo/config_edits/track.py``): ``with_mask=True`` on the
``BDD100KLoadTrackAnnotations`` step of both pipelines, these sets merged into the parent's (taken
out of ``_base_``, so that no helper stays in the resolved config), ``BDD100KSegTrackMetric``."""
seg_train_sets = [
    dict(type='BDD100KSegTrackDataset', ann_file='labels/seg_track_20/rles/train/',
         data_prefix=dict(img='images/seg_track_20/train/')),
    dict(type='BDD100KInsSegVideoDataset', ann_file='labels/ins_seg/rles/ins_seg_train.json',
         data_prefix=dict(img='images/10k/train/')),
]
seg_val_set = dict(type='BDD100KSegTrackDataset', ann_file='labels/seg_track_20/rles/val/',
                   data_prefix=dict(img='images/seg_track_20/val/'))
