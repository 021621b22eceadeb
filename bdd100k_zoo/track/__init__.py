"""mmdet side for video: BDD100K box_track/seg_track datasets, QDTrack, PCAN, trackers, MOT/MOTS metrics.

Importing this package registers them into mmdet's registries (configs: ``custom_imports``).
"""
from ..hub import install_safe_loading
from . import backbones  # noqa: F401
from . import datasets, metrics, qdtrack, tracker, transforms  # noqa: F401  (register)
from . import pcan, prototypes, refine_head  # noqa: F401  (register)

install_safe_loading()
