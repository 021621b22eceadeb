"""Registers the DLA backbone into mmsegmentation's MODELS registry as ``BDD100KDLA``."""
from mmseg.registry import MODELS

from ..backbones import DLA

MODELS.register_module('BDD100KDLA', module=DLA)
