"""BDD100K panoptic segmentation for mmdet: the official ``labels/pan_seg/bitmasks`` PNGs.

The dataset lists the bitmasks; :class:`BDD100KLoadPanSegAnnotations` decodes each one when its
sample is loaded into what mmdet's PanopticFPN trains on. Label conventions: :mod:`.conversion`.
"""
import os
import os.path as osp
from typing import Any, Dict, List, Sequence

import torch
from mmcv.transforms import BaseTransform
from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS, TRANSFORMS
from mmdet.structures.bbox import get_box_type
from mmdet.structures.mask import BitmapMasks

from ...labels import LabelError
from ...labels.categories import PAN_SEG_THING_CLASSES
from ...labels.instances import DEFAULT_IMAGE_SIZE
from ...labels.masks import read_bitmask
from ..ins_seg_dataset import IMAGE_SUFFIX
from .conversion import PAN_SEG_MODEL_CLASSES, PAN_SEG_STUFF_CLASSES, palette, panoptic_targets


@DATASETS.register_module()
class BDD100KPanSegDataset(BaseDetDataset):
    """BDD100K ``pan_seg`` (images/10k, 10 thing + 30 stuff classes) from the official bitmasks.

    One sample per bitmask ``<data_prefix['seg']>/<stem>.png``, its image
    ``<data_prefix['img']>/<stem>.jpg``. Nothing is decoded at init: put
    :class:`BDD100KLoadPanSegAnnotations` in the training pipeline. Classes are in the model order
    (things first, see :mod:`bdd100k_zoo.det.panoptic`); ``ann_file`` is unused. The metainfo's
    ``ann_file`` is the bitmask folder, which :class:`~bdd100k_zoo.det.BDD100KPanSegMetric` scores
    against. Samples carry the BDD100K image size (720 x 1280) until loaded; the transform checks
    the real one. ``filter_cfg`` and class-aware samplers are not supported (no instances at init).

    Args:
        check_images: check at init that every image file exists.
        **kwargs: as :class:`mmdet.datasets.BaseDetDataset` (``data_root``,
            ``data_prefix=dict(img='images/10k/train', seg='labels/pan_seg/bitmasks/train')``,
            ``pipeline``, ...).
    """

    METAINFO = {'classes': PAN_SEG_MODEL_CLASSES, 'thing_classes': PAN_SEG_THING_CLASSES,
                'stuff_classes': PAN_SEG_STUFF_CLASSES, 'palette': palette(PAN_SEG_MODEL_CLASSES)}

    def __init__(self, *args: Any, check_images: bool = True, **kwargs: Any) -> None:
        self.check_images = check_images
        super().__init__(*args, **kwargs)

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Lists the bitmask folder (``data_prefix['seg']``): one data info per PNG.

        Raises:
            ValueError: no ``data_prefix['seg']``.
            FileNotFoundError: the folder does not exist.
            LabelError: the folder holds no PNG, or (``check_images``) an image is missing.
        """
        folder = self.data_prefix.get('seg')
        if not folder:
            raise ValueError('BDD100KPanSegDataset needs data_prefix["seg"], the folder of '
                             'pan_seg bitmasks (labels/pan_seg/bitmasks/<split>)')
        if not osp.isdir(folder):
            raise FileNotFoundError(f'bitmask folder not found: {folder}')
        self._metainfo['ann_file'] = folder
        names = sorted(name for name in os.listdir(folder) if name.endswith('.png'))
        if not names:
            raise LabelError(f'{folder}: folder holds no bitmask .png files')
        return [self.bitmask_info(index, folder, png) for index, png in enumerate(names)]

    def bitmask_info(self, index: int, folder: str, png: str) -> Dict[str, Any]:
        """The data info of one bitmask PNG and its image."""
        name = osp.splitext(png)[0] + IMAGE_SUFFIX
        img_path = osp.join(self.data_prefix.get('img', ''), name)
        seg_map_path = osp.join(folder, png)
        if self.check_images and not osp.isfile(img_path):
            raise LabelError(f'{seg_map_path}: image file not found: {img_path}')
        height, width = DEFAULT_IMAGE_SIZE
        return dict(img_id=index, img_path=img_path, seg_map_path=seg_map_path, name=name,
                    height=height, width=width)


@TRANSFORMS.register_module()
class BDD100KLoadPanSegAnnotations(BaseTransform):
    """Decodes a sample's pan_seg bitmask (``seg_map_path``) into PanopticFPN's targets.

    Adds ``gt_bboxes`` (boxes of the thing masks), ``gt_bboxes_labels``, ``gt_ignore_flags`` (crowd
    or ignored instances), ``gt_masks`` (BitmapMasks of the thing instances) and ``gt_seg_map``
    (uint8 model labels of every labelled pixel, 255 unlabeled), as mmdet's
    ``LoadPanopticAnnotations`` does for COCO. Run it after ``LoadImageFromFile``.

    Args:
        classes: the model's classes (things first); bitmask categories map onto them by name,
            categories outside them become unlabeled.
        box_type: the box structure of ``gt_bboxes`` (mmdet's box types).

    Raises:
        LabelError (at transform): unreadable or non-RGBA bitmask, a size other than the image's,
            illegal category ids or non-uniform instances; the message names the PNG.
    """

    def __init__(self, classes: Sequence[str] = PAN_SEG_MODEL_CLASSES,
                 box_type: str = 'hbox') -> None:
        self.classes = tuple(classes)
        self.box_type = box_type

    def transform(self, results: Dict[str, Any]) -> Dict[str, Any]:
        path = results['seg_map_path']
        size = tuple(results.get('ori_shape') or (results['height'], results['width']))
        bitmask = read_bitmask(path)
        if bitmask.categories.shape != size:
            raise LabelError(f'{path}: bitmask size {list(bitmask.categories.shape)} differs from '
                             f'the size {list(size)} (height, width) of its image '
                             f'{results.get("img_path")}')
        targets = panoptic_targets(bitmask, self.classes, path)
        _, box_class = get_box_type(self.box_type)
        results['gt_bboxes'] = box_class(targets.bboxes, dtype=torch.float32)
        results['gt_bboxes_labels'] = targets.labels
        results['gt_ignore_flags'] = targets.ignore_flags
        results['gt_masks'] = BitmapMasks(targets.masks, *size)
        results['gt_seg_map'] = targets.seg_map
        return results

    def __repr__(self) -> str:
        return f'{type(self).__name__}(box_type={self.box_type!r})'
