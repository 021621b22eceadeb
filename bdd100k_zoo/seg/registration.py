"""Registers the DLA neck and head into mmseg's ``MODELS`` without importing ``mmseg.models``.

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


def builder(name: str) -> Callable[..., Any]:
    """A function building ``bdd100k_zoo.seg.models.<name>`` from config keywords."""
    def build(**kwargs: Any) -> Any:
        return getattr(importlib.import_module('bdd100k_zoo.seg.models'), name)(**kwargs)
    build.__name__ = build.__qualname__ = name
    build.__doc__ = f'Builds :class:`bdd100k_zoo.seg.models.{name}` (see there for the arguments).'
    return build


for _name in MODEL_NAMES:
    MODELS.register_module(name=_name, module=builder(_name))
