"""mmpretrain side: BDD100K image tagging (weather, scene, timeofday) datasets and metric.

Importing this package registers them into mmpretrain's registries (configs: ``custom_imports``).
"""
from ..hub import install_safe_loading
from . import backbones  # noqa: F401
from . import datasets, inference, metrics  # noqa: F401  (register)

install_safe_loading()
