"""mmdet side for video: BDD100K box_track/seg_track datasets, QDTrack, tracker, MOT/MOTS metrics.

Importing this package registers them into mmdet's registries (configs: ``custom_imports``).
"""
from . import tracker  # noqa: F401
