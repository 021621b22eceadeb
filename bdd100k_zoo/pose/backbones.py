"""Registers the DLA backbone into mmpose's MODELS registry as ``BDD100KDLA``."""
from mmpose.registry import MODELS

from ..backbones import DLA

MODELS.register_module('BDD100KDLA', module=DLA)
