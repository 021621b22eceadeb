"""BDD100K image tagging dataset for mmpretrain: one frame attribute of the ``det_20`` labels.

The tagging labels are the frame attributes of ``labels/det_20/det_{train,val}.json``; a dataset
classifies one of them (weather, scene or timeofday) into its values in the published class order
(``TAGGING_ATTRIBUTES``), ``undefined`` included: it is a class of the published models, and the
official evaluation scores it like any other value.
"""
import os.path as osp
from typing import Any, Dict, List, Optional, Sequence

import msgspec
from mmpretrain.datasets import BaseDataset
from mmpretrain.registry import DATASETS

from ..labels import LabelError
from ..labels.categories import DET_PALETTE, TAGGING_ATTRIBUTES
from ..labels.frames import where
from ..labels.typed_json import NamedFrame, decode_frames


@DATASETS.register_module()
class BDD100KTaggingDataset(BaseDataset):
    """BDD100K image tagging: one frame attribute as the image class.

    The class list is fixed by the attribute (the published order), so ``classes`` cannot be
    given. The metainfo carries ``attribute`` and ``ann_file`` for :class:`BDD100KTaggingMetric`,
    which scores predictions against the same label file.

    Args:
        attribute: ``'weather'``, ``'scene'`` or ``'timeofday'``.
        check_images: check at load time that every image file exists (fails fast, naming the
            frame, instead of crashing mid-epoch).
        metainfo: extra metainfo (not ``classes``).
        **kwargs: as :class:`mmpretrain.datasets.BaseDataset` (``ann_file``, ``data_root``,
            ``data_prefix='images/100k/train'``, ``pipeline``, ``test_mode``, ...).

    Raises:
        ValueError: unknown ``attribute``, or ``classes`` given.
        LabelError: (at load time) a frame lacks the attribute, has an unknown value or repeats
            an earlier frame, or its image is missing.
    """

    def __init__(self, attribute: str, check_images: bool = True,
                 metainfo: Optional[dict] = None, **kwargs: Any) -> None:
        if attribute not in TAGGING_ATTRIBUTES:
            raise ValueError(f'attribute must be one of {", ".join(TAGGING_ATTRIBUTES)}, got '
                             f'{attribute!r}')
        if kwargs.get('classes') is not None or 'classes' in (metainfo or {}):
            raise ValueError(f'the classes of {attribute} tagging are fixed (the published '
                             f'order: {", ".join(TAGGING_ATTRIBUTES[attribute])})')
        self.attribute = attribute
        self.check_images = check_images
        classes = TAGGING_ATTRIBUTES[attribute]
        # the palette travels with the classes into checkpoints (meta['dataset_meta']), as for
        # every task of the zoo
        super().__init__(metainfo=dict(metainfo or {}, classes=classes,
                                       palette=list(DET_PALETTE[:len(classes)])),
                         **kwargs)
        self._metainfo['attribute'] = attribute  # set here: mmengine reads str metainfo as paths

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Parses the label file into data infos (``img_path``, ``gt_label``, ``name``)."""
        self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
        classes = TAGGING_ATTRIBUTES[self.attribute]
        data_list = []
        seen = set()
        for file, frame in decode_frames(self.ann_file, NamedFrame):
            if (frame.videoName, frame.name) in seen:
                raise LabelError(f'{where(file, msgspec.to_builtins(frame))}: duplicated frame')
            seen.add((frame.videoName, frame.name))
            data_list.append(self.parse_frame(file, frame, classes))
        return data_list

    def parse_frame(self, path: str, frame: NamedFrame,
                    classes: Sequence[str]) -> Dict[str, Any]:
        """One frame of ``path`` -> an mmpretrain data info; ``gt_label`` indexes its value in
        ``classes``."""
        value = (frame.attributes or {}).get(self.attribute)
        if value not in classes:
            raise LabelError(f'{where(path, msgspec.to_builtins(frame))}: attributes.'
                             f'{self.attribute} must be one of {", ".join(classes)}, got {value!r}')
        img_path = osp.join(self.img_prefix, frame.name)
        if self.check_images and not osp.isfile(img_path):
            raise LabelError(f'{where(path, msgspec.to_builtins(frame))}: image file not found: '
                             f'{img_path}')
        return dict(img_path=img_path, gt_label=classes.index(value), name=frame.name)
