"""BDD100K image tagging dataset for mmpretrain: one frame attribute of the ``det_20`` labels.

The tagging labels are the frame attributes of ``labels/det_20/det_{train,val}.json``; a dataset
classifies one of them (weather, scene or timeofday) into its values in the published class order
(``TAGGING_ATTRIBUTES``), ``undefined`` included: it is a class of the published models, and the
official evaluation scores it like any other value.
"""
import os.path as osp
from array import array
from functools import partial
from typing import Any, Dict, List, Optional, Sequence

import msgspec
import numpy as np
from mmengine.dataset.base_dataset import force_full_init
from mmpretrain.datasets import BaseDataset
from mmpretrain.registry import DATASETS

from ..labels import LabelError
from ..labels.categories import DET_PALETTE, TAGGING_ATTRIBUTES
from ..labels.frame_table import RowsDataset, StringTable, TableRows, TextBuffer
from ..labels.frames import where
from ..labels.typed_json import NamedFrame, decode_frames, unique_frames


@DATASETS.register_module()
class BDD100KTaggingDataset(RowsDataset, BaseDataset):
    """BDD100K image tagging: one frame attribute as the image class.

    The class list is fixed by the attribute (the published order), so ``classes`` cannot be
    given. The metainfo carries ``attribute`` and ``ann_file`` for :class:`BDD100KTaggingMetric`,
    which scores predictions against the same label file. The frames are decoded with msgspec and
    kept as arrays (:class:`TaggedImages`) that dataloader workers share; a data info is built
    when its sample is loaded, so mmengine's ``serialize_data`` is not used.

    Args:
        attribute: ``'weather'``, ``'scene'`` or ``'timeofday'``.
        check_images: check at load time that every image file exists (fails fast, naming the
            frame, instead of crashing mid-epoch).
        metainfo: extra metainfo (not ``classes``).
        **kwargs: as :class:`mmpretrain.datasets.BaseDataset` (``ann_file``, ``data_root``,
            ``data_prefix='images/100k/train'``, ``pipeline``, ``test_mode``, ``indices``, ...).

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

    def load_data_list(self) -> TableRows:
        """Reads the label file into a table of images and classes, checking every frame.

        Returns:
            one data info per frame (``img_path``, ``gt_label``, ``name``), built when asked for
            (see :class:`~bdd100k_zoo.labels.frame_table.TableRows`).
        """
        self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
        classes = TAGGING_ATTRIBUTES[self.attribute]
        names, labels = TextBuffer(), array('b')
        for file, frame in unique_frames(decode_frames(self.ann_file, NamedFrame)):
            labels.append(self.frame_class(file, frame, classes))
            names.add(frame.name)
        images = TaggedImages(names.build(), np.frombuffer(labels, dtype=np.int8))
        return TableRows(images, partial(image_info, img_prefix=self.img_prefix))

    def frame_class(self, path: str, frame: NamedFrame, classes: Sequence[str]) -> int:
        """The index in ``classes`` of a frame's value of the attribute (its image checked if
        :attr:`check_images`)."""
        value = (frame.attributes or {}).get(self.attribute)
        if value not in classes:
            raise LabelError(f'{where(path, msgspec.to_builtins(frame))}: attributes.'
                             f'{self.attribute} must be one of {", ".join(classes)}, got {value!r}')
        img_path = osp.join(self.img_prefix, frame.name)
        if self.check_images and not osp.isfile(img_path):
            raise LabelError(f'{where(path, msgspec.to_builtins(frame))}: image file not found: '
                             f'{img_path}')
        return classes.index(value)

    @force_full_init
    def get_gt_labels(self) -> np.ndarray:
        """The class index of every sample (read from the table, no data info built)."""
        return self.data_list.table.labels[self.data_list.positions].astype(np.int64)

    @force_full_init
    def get_cat_ids(self, idx: int) -> List[int]:
        """The class index of sample ``idx``, as a list (for class-aware samplers)."""
        return [int(self.data_list.table.labels[self.data_list.positions[idx]])]


class TaggedImages:
    """The frames of a tagging dataset as arrays: frame ``i`` is image ``names[i]`` of class
    ``labels[i]``.

    Args:
        names: the frame names (image files).
        labels: the class index of each frame, int8.
    """

    def __init__(self, names: StringTable, labels: np.ndarray) -> None:
        self.names = names
        self.labels = labels

    def __len__(self) -> int:
        return len(self.labels)


def image_info(images: TaggedImages, position: int, img_prefix: str) -> Dict[str, Any]:
    """The mmpretrain data info of the frame at ``position`` (images under ``img_prefix``)."""
    name = images.names[position]
    return dict(img_path=osp.join(img_prefix, name), gt_label=int(images.labels[position]),
                name=name)
