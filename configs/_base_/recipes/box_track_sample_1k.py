"""Everything but the model for QDTrack on the sample's box_track videos, sized for a CPU:
``bdd100k_box_track_sample.py``, the 1000-iteration ``bdd100k_track_sample.py`` and its runtime."""
_base_ = [
    '../datasets/bdd100k_box_track_sample.py',
    '../runtimes/track_sample.py',
    '../schedules/bdd100k_track_sample.py',
]
