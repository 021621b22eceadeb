"""BDD100K instance segmentation dataset for mmdet: ``labels/ins_seg`` RLE JSON or bitmask PNGs."""
import os
import os.path as osp
from typing import Any, Dict, List

from mmdet.registry import DATASETS

from ..labels import LabelError
from ..labels.categories import DET_PALETTE, INS_SEG_CLASSES
from ..labels.frames import Frame, check_unique_names, where
from ..labels.mapping import CategoryMapper
from ..labels.instances import check_mask_size, frame_size, rle_xyxy
from ..labels.typed_json import read_dataset_frames
from .datasets import BDD100KDetDataset, label_instance

#: Image file extension of the 10K images the bitmasks (``<stem>.png``) belong to.
IMAGE_SUFFIX = '.jpg'


@DATASETS.register_module()
class BDD100KInsSegDataset(BDD100KDetDataset):
    """BDD100K ``ins_seg`` (images/10k, 8 classes), from the RLE label file or the bitmask PNGs.

    Two sources of the same official labels:

    - RLE (``ann_file='labels/ins_seg/rles/ins_seg_train.json'``): instances (class, RLE mask, box
      of the mask's pixels, crowd/ignored flags, attributes) are parsed and checked at init.
    - bitmasks (``ann_file=''`` and ``data_prefix=dict(img=..., seg='labels/ins_seg/bitmasks/
      train')``): init only lists the PNGs (one frame per bitmask, image ``<stem>.jpg``); the
      :class:`~bdd100k_zoo.det.transforms.BDD100KLoadInsSegAnnotations` transform decodes each
      PNG when the sample is loaded. Without instances at init, ``filter_empty_gt`` keeps every
      frame and class-aware samplers are not supported.

    Categories and crowd/ignored regions are handled as the official evaluation does (see
    :class:`BDD100KDetDataset`); ignored instances keep their masks with ``ignore_flag=1``.
    Use :class:`~bdd100k_zoo.det.transforms.BDD100KLoadInsSegAnnotations` in the pipeline for both
    sources.

    Args:
        check_images: check at init that every image file exists.
        **kwargs: as :class:`mmdet.datasets.BaseDetDataset`.
    """

    METAINFO = {'classes': INS_SEG_CLASSES, 'palette': list(DET_PALETTE[:len(INS_SEG_CLASSES)])}

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Parses the RLE label file, or lists the bitmask folder (``data_prefix['seg']``)."""
        if self.ann_file:
            frames = read_dataset_frames(self.ann_file)
            self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
            check_unique_names(frames, self.ann_file)
            mapper = CategoryMapper(self.metainfo['classes'])
            return [self.parse_frame(index, frame, mapper) for index, frame in enumerate(frames)]
        folder = self.data_prefix.get('seg')
        if not folder:
            raise ValueError('BDD100KInsSegDataset needs an ann_file (RLE labels) or '
                             'data_prefix["seg"] (a folder of bitmask PNGs)')
        if not osp.isdir(folder):
            raise FileNotFoundError(f'bitmask folder not found: {folder}')
        self._metainfo['ann_file'] = folder  # the metric reads the ground truth from the PNGs
        names = sorted(name for name in os.listdir(folder) if name.endswith('.png'))
        if not names:
            raise LabelError(f'{folder}: folder holds no bitmask .png files')
        return [self.bitmask_info(index, folder, name) for index, name in enumerate(names)]

    def bitmask_info(self, index: int, folder: str, png: str) -> Dict[str, Any]:
        """The data info of one bitmask PNG (its instances are read by the pipeline)."""
        frame = {'name': osp.splitext(png)[0] + IMAGE_SUFFIX}
        info = self.parse_frame(index, frame, CategoryMapper(self.metainfo['classes']))
        info['bitmask_path'] = osp.join(folder, png)
        return info

    def parse_frame(self, index: int, frame: Frame, mapper: CategoryMapper) -> Dict[str, Any]:
        """One frame -> an mmdet data info with ``instances`` (its labels with an ``rle``)."""
        img_path = osp.join(self.data_prefix.get('img', ''), frame['name'])
        if self.check_images and not osp.isfile(img_path):
            raise LabelError(f'{where(self.ann_file, frame)}: image file not found: {img_path}')
        height, width = frame_size(frame)
        instances = [self.parse_label(frame, label, mapper)
                     for label in frame.get('labels') or [] if label.get('rle') is not None]
        return dict(img_id=index, img_path=img_path, name=frame['name'], height=height,
                    width=width, attributes=dict(frame.get('attributes') or {}),
                    instances=instances)

    def parse_label(self, frame: Frame, label: Dict[str, Any],
                    mapper: CategoryMapper) -> Dict[str, Any]:
        """One labelled mask -> an mmdet instance (RLE mask, box of its pixels, class, flags)."""
        instance = label_instance(self.ann_file, frame, label, mapper)
        check_mask_size(label, frame_size(frame), self.ann_file, frame)
        instance.update(mask=label['rle'], bbox=rle_xyxy(label['rle']))
        return instance

    def filter_data(self) -> List[Dict[str, Any]]:
        """Drops frames without a non-ignored instance (``filter_empty_gt``) or smaller than
        ``min_size``; keeps every frame of bitmask mode (its instances are read later)."""
        if self.test_mode or not self.filter_cfg or not self.ann_file:
            return self.data_list
        filter_empty_gt = self.filter_cfg.get('filter_empty_gt', False)
        min_size = self.filter_cfg.get('min_size', 0)
        return [info for info in self.data_list
                if min(info['width'], info['height']) >= min_size and not (
                    filter_empty_gt and all(inst['ignore_flag'] for inst in info['instances']))]

    def get_cat_ids(self, idx: int) -> List[int]:
        """Class indices of the non-ignored instances of sample ``idx`` (for class-aware samplers)."""
        return [inst['bbox_label'] for inst in self.get_data_info(idx)['instances']
                if not inst['ignore_flag']]
