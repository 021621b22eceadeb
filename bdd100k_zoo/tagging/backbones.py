"""Registers the DLA backbone into mmpretrain's MODELS registry as ``BDD100KDLA``."""
from mmpretrain.registry import MODELS

from ..backbones import DLA

MODELS.register_module('BDD100KDLA', module=DLA)
