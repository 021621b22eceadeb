"""mmdet side: BDD100K detection and instance segmentation datasets, metrics and models.

Importing this package registers them into mmdet's registries (configs: ``custom_imports``).
"""
from ..runtime.checkpoint import install_safe_loading
from . import datasets, metrics  # noqa: F401  (register into mmdet)

install_safe_loading()
