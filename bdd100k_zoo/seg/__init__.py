"""mmseg side: BDD100K semantic segmentation and drivable area datasets, metrics and the DLA model.

Importing this package registers them into mmseg's registries (configs: ``custom_imports``).
"""
from ..hub import install_safe_loading
from . import backbones  # noqa: F401
from . import datasets, inference, metrics, registration, transforms  # noqa: F401  (register)
from . import lane_metric  # noqa: F401  (registers BDD100KLaneMetric)

install_safe_loading()
