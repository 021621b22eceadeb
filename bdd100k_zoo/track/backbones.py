"""Makes the DLA backbone available to mmdet's MODELS as ``BDD100KDLA``, whatever else is imported.

The det side registers the same class under the same name in mmdet's MODELS, unconditionally, so
registering it there too would make ``import bdd100k_zoo.track, bdd100k_zoo.det`` fail (a registry
refuses a taken name). The track side therefore registers it one level up, in mmengine's root
MODELS registry, the parent of mmdet's: mmdet looks a name up in its own registry first, then in
its parent, so configs of the mmdet scope find ``BDD100KDLA`` with either side imported alone, or
both in any order (the det side's registration, the same class, then comes first).
"""
from mmengine.registry import MODELS as ROOT_MODELS

from ..backbones import DLA

NAME = 'BDD100KDLA'

_registered = ROOT_MODELS.module_dict.get(NAME)
if _registered is None:
    ROOT_MODELS.register_module(NAME, module=DLA)
elif _registered is not DLA:
    raise RuntimeError(f'{NAME} is registered in mmengine\'s MODELS as {_registered!r}, not as '
                       f'the zoo\'s DLA backbone ({DLA!r})')
