"""The mmdet runtime (``det.py``) that also loads mmpretrain's models, for the backbones mmdet takes
from mmpretrain (ConvNeXt)."""
_base_ = './det.py'

custom_imports = dict(imports=['bdd100k_zoo.det', 'mmpretrain.models'],
                      allow_failed_imports=False)
