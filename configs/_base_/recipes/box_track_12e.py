"""Everything but the model for QDTrack on BDD100K box_track at the published 12-epoch schedule:
``bdd100k_box_track.py``, ``bdd100k_track_12e.py`` and the track runtime."""
_base_ = [
    '../datasets/bdd100k_box_track.py',
    '../runtimes/track_visualizer.py',
    '../schedules/bdd100k_track_12e.py',
]
