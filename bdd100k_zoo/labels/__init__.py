"""BDD100K label handling shared by every task: class lists, frame I/O and checks, mask codecs.

Depends on numpy/PIL/pycocotools only (never on an OpenMMLab library).
"""
from .errors import LabelError

__all__ = ['LabelError']
