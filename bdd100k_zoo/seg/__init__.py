"""mmseg side: BDD100K semantic segmentation and drivable area datasets, metrics and the DLA model.

Importing this package registers them into mmseg's registries (configs: ``custom_imports``).
"""
from ..runtime.checkpoint import install_safe_loading
from . import backbones  # noqa: F401
from . import datasets, metrics, registration, transforms  # noqa: F401  (register into mmseg)

install_safe_loading()
