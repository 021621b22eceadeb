"""The DLA backbone and its DLA-up neck (torch + mmengine only); the sides register the backbone."""
from .dla import ARCH_SETTINGS, LEVEL_STRIDES, DLA
from .dla_up import DLAUp

__all__ = ['ARCH_SETTINGS', 'LEVEL_STRIDES', 'DLA', 'DLAUp']
