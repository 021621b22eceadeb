"""``bdd100k_seg_track.py`` on the generated sample (``bdd100k-zoo sample``), sized for a CPU:
``bdd100k_box_track_sample.py`` (the sample's paths, 800x450, boxes of any size, one loading worker)
with the seg_track_20 sets of ``bdd100k_seg_track_masks.py``, applied as ``bdd100k_seg_track.py``
applies them."""
_base_ = ['./bdd100k_box_track_sample.py', './bdd100k_seg_track_masks.py']
from bdd100k_zoo.config_edits.track import seg_track_data  # noqa: E402
train_pipeline, test_pipeline, train_dataloader, val_dataloader, val_evaluator = seg_track_data(
    _base_)
test_dataloader, test_evaluator = val_dataloader, val_evaluator
