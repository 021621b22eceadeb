"""BDD100K segmentation tracking (seg_track_20) for QDTrack with a mask head: the data of the
published PCAN model's first stage.

``bdd100k_box_track.py`` with instance masks loaded along with the boxes, training on the
seg_track_20 videos and the ins_seg images (as one-frame videos), testing on the seg_track_20 val
videos (``bdd100k_seg_track_masks.py``), scored with the official MOTS metric
(``BDD100KSegTrackMetric``).
"""
_base_ = ['./bdd100k_box_track.py', './bdd100k_seg_track_masks.py']
from bdd100k_zoo.config_edits.track import seg_track_data  # noqa: E402
train_pipeline, test_pipeline, train_dataloader, val_dataloader, val_evaluator = seg_track_data(
    _base_)
test_dataloader, test_evaluator = val_dataloader, val_evaluator
