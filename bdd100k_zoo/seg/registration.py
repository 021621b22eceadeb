"""Registers the DLA neck and head into mmseg's ``MODELS`` without importing ``mmseg.models``;
also the anomaly wrapper, its score modules, the open-set head and the losses of the trained
anomaly heads (which import no ``mmseg.models``) and the anomaly adapter of ``bdd100k-zoo infer``.

They subclass ``mmseg.models`` classes, and importing ``mmseg.models`` also imports mmdet and
mmpretrain (mmseg's optional heads try them), which importing a side must not. So each name is
registered as a builder that imports :mod:`bdd100k_zoo.seg.models` when a model is first built
(by then mmseg has imported ``mmseg.models`` itself).
"""
import importlib
from typing import Any, Callable

from mmseg.registry import MODELS

#: The classes of :mod:`bdd100k_zoo.seg.models`, registered under their own names.
MODEL_NAMES = ('BDD100KDLAUp', 'BDD100KDLASegHead')
#: The classes of :mod:`bdd100k_zoo.seg.lane_models` (the lane and lane + drivable models).
LANE_MODEL_NAMES = ('BDD100KLaneHead', 'BDD100KMultiHeadSegmentor')


def builder(name: str, module: str = 'bdd100k_zoo.seg.models') -> Callable[..., Any]:
    """A function building ``<module>.<name>`` from config keywords."""
    def build(**kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(**kwargs)
    build.__name__ = build.__qualname__ = name
    build.__doc__ = f'Builds :class:`{module}.{name}` (see there for the arguments).'
    return build


for _name in MODEL_NAMES:
    MODELS.register_module(name=_name, module=builder(_name))
for _name in LANE_MODEL_NAMES:
    MODELS.register_module(name=_name, module=builder(_name, 'bdd100k_zoo.seg.lane_models'))

# the anomaly wrapper, its score modules, the open-set head (which builds its wrapped head by
# name) and the losses import no mmseg.models: registered directly
from ..anomaly.modules import SCORE_MODULES  # noqa: E402
from .anomaly import heads, inference, losses, segmentor  # noqa: E402,F401  (register)

for _name, _score in SCORE_MODULES.items():
    MODELS.register_module(name=f'BDD100K{_name}', module=_score)
