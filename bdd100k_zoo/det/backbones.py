"""Registers the DLA backbone into mmdet's MODELS registry as ``BDD100KDLA``."""
from mmdet.registry import MODELS

from ..backbones import DLA

MODELS.register_module('BDD100KDLA', module=DLA)
