"""mmseg side: BDD100K semantic segmentation and drivable area datasets, metrics and the DLA model.

Importing this package registers them into mmseg's registries (configs: ``custom_imports``).
"""
from ..hub import install_safe_loading
from . import backbones  # noqa: F401
from . import datasets, inference, metrics, registration, transforms  # noqa: F401  (register)
from . import lane_datasets, lane_inference, lane_metric, lane_transforms  # noqa: F401
from . import anomaly  # noqa: F401  (the anomaly dataset, transforms, metric, wrapper)

install_safe_loading()
