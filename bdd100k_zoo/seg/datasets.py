"""BDD100K semantic segmentation and drivable area datasets for mmseg: the official class-mask PNGs.

Both tasks pair ``images/<set>/<split>/<stem>.jpg`` with ``labels/<task>/masks/<split>/<stem>.png``
(mask value = class id, 255 = ignore) and differ only in classes, palette and folders. Masks are
read as they are (no conversion); :class:`~bdd100k_zoo.seg.transforms.BDD100KLoadAnnotations`
checks each one's ids and size when it is loaded.
"""
import logging
import os
import os.path as osp
from typing import Any, Dict, List, Optional

from mmengine.logging import print_log
from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from ..labels.categories import (DRIVABLE_CLASSES, DRIVABLE_PALETTE, SEM_SEG_CLASSES,
                                 SEM_SEG_PALETTE)
from ..labels.frames import check_unique_names
from ..labels.typed_json import read_dataset_frames

IMAGE_SUFFIX = '.jpg'
MASK_SUFFIX = '.png'
#: How many missing file names an error message lists.
LISTED = 5


class BDD100KMaskDataset(BaseSegDataset):
    """Images and official class masks of one split (the shared part of both tasks).

    Args:
        split: ``'train'``, ``'val'`` or ``'test'``; picks the image and mask folders of the
            official layout under ``data_root`` (``data_prefix`` given explicitly wins).
        with_masks: read the masks (``False`` for the test split, which has none).
        attributes_file: optional Scalabel label file with frame ``attributes`` (weather, scene,
            timeofday) of these images, e.g. ``labels/det_20/det_val.json`` for the 100K images
            (relative to ``data_root``); they are attached to each sample for sliced scores.
        **kwargs: as :class:`mmseg.datasets.BaseSegDataset` (``data_root``, ``pipeline``,
            ``test_mode``, ...).

    Raises:
        FileNotFoundError: the image folder is missing or empty, or images lack their mask.
        ValueError: ``metainfo`` asks for other classes (the official ids are kept as they are).
    """

    #: The image and mask folders of a split, relative to ``data_root`` (set by subclasses).
    image_dir = ''
    mask_dir = ''

    def __init__(self, split: str = 'val', with_masks: bool = True,
                 attributes_file: Optional[str] = None, **kwargs: Any) -> None:
        prefix = dict(img_path=self.image_dir.format(split=split))
        if with_masks:
            prefix['seg_map_path'] = self.mask_dir.format(split=split)
        kwargs.setdefault('data_prefix', prefix)
        kwargs.setdefault('img_suffix', IMAGE_SUFFIX)
        kwargs.setdefault('seg_map_suffix', MASK_SUFFIX)
        self.split = split
        self.attributes_file = attributes_file
        super().__init__(**kwargs)
        self._metainfo.update(split=split, data_root=self.data_root)

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Lists the split's images, pairs each with its mask and frame attributes."""
        if self.label_map is not None:
            raise ValueError(f'{type(self).__name__} has the official classes '
                             f'{self.METAINFO["classes"]}, got {self.metainfo["classes"]}')
        img_dir = self.data_prefix['img_path']
        mask_dir = self.data_prefix.get('seg_map_path')
        if not osp.isdir(img_dir):
            raise FileNotFoundError(f'image folder not found: {img_dir}')
        data_list = super().load_data_list()
        if not data_list:
            raise FileNotFoundError(f'no {IMAGE_SUFFIX} images in {img_dir}')
        if mask_dir is not None:
            check_masks_exist(data_list, mask_dir)
        attributes = self.frame_attributes()
        for info in data_list:
            info['name'] = osp.relpath(info['img_path'], img_dir)
            info['num_classes'] = len(self.METAINFO['classes'])
            info['attributes'] = attributes.get(info['name'], {})
        without = sum(1 for info in data_list if not info['attributes'])
        if self.attributes_file and without:
            print_log(f'{without} of {len(data_list)} images have no frame attributes in '
                      f'{self.attributes_file}; they belong to no slice', logger='current',
                      level=logging.WARNING)
        return data_list

    def frame_attributes(self) -> Dict[str, Dict[str, Any]]:
        """``{image name: frame attributes}`` from :attr:`attributes_file` (empty without one)."""
        if not self.attributes_file:
            return {}
        path = self.attributes_file
        if self.data_root and not osp.isabs(path):
            path = osp.join(self.data_root, path)
        frames = read_dataset_frames(path)
        check_unique_names(frames, path)
        return {frame['name']: dict(frame.get('attributes') or {}) for frame in frames}


def check_masks_exist(data_list: List[Dict[str, Any]], mask_dir: str) -> None:
    """Checks every image has its mask (one folder listing, no per-file stat).

    Raises:
        FileNotFoundError: naming the mask folder, how many masks are missing and the first ones.
    """
    if not osp.isdir(mask_dir):
        raise FileNotFoundError(f'mask folder not found: {mask_dir}')
    present = set()
    for root, _, files in os.walk(mask_dir):
        present.update(osp.join(root, name) for name in files)
    missing = [info['seg_map_path'] for info in data_list if info['seg_map_path'] not in present]
    if missing:
        raise FileNotFoundError(
            f'{len(missing)} of {len(data_list)} images have no mask in {mask_dir}: '
            + ', '.join(osp.basename(path) for path in missing[:LISTED])
            + (', ...' if len(missing) > LISTED else ''))


@DATASETS.register_module()
class BDD100KSemSegDataset(BDD100KMaskDataset):
    """BDD100K semantic segmentation: the 10K images, 19 classes (Cityscapes train ids), 255 ignore.

    Example::

        dict(type='BDD100KSemSegDataset', data_root='data/bdd100k/', split='val',
             pipeline=[...])
    """

    METAINFO = {'classes': SEM_SEG_CLASSES, 'palette': [list(c) for c in SEM_SEG_PALETTE]}
    image_dir = 'images/10k/{split}'
    mask_dir = 'labels/sem_seg/masks/{split}'


@DATASETS.register_module()
class BDD100KDrivableDataset(BDD100KMaskDataset):
    """BDD100K drivable area: the 100K images, 3 classes (direct, alternative, background).

    Example::

        dict(type='BDD100KDrivableDataset', data_root='data/bdd100k/', split='val',
             pipeline=[...])
    """

    METAINFO = {'classes': DRIVABLE_CLASSES, 'palette': [list(c) for c in DRIVABLE_PALETTE]}
    image_dir = 'images/100k/{split}'
    mask_dir = 'labels/drivable/masks/{split}'
