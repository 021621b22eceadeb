"""mmdet side: BDD100K detection and instance segmentation datasets, metrics and models.

Importing this package registers them into mmdet's registries (configs: ``custom_imports``).
"""
from ..hub import install_safe_loading
from . import backbones  # noqa: F401
from . import datasets, hooks, inference, ins_seg_dataset, metrics, transforms  # noqa: F401
from . import panoptic  # noqa: F401  (register pan_seg)

install_safe_loading()
