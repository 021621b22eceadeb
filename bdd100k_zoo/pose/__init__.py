"""mmpose side: BDD100K pose_21 dataset and metric.

Importing this package registers them into mmpose's registries (configs: ``custom_imports``).
"""
from ..hub import install_safe_loading
from . import backbones  # noqa: F401
from . import datasets, inference, metrics  # noqa: F401  (register)

install_safe_loading()
