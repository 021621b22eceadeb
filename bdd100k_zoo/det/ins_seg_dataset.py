"""BDD100K instance segmentation dataset for mmdet: ``labels/ins_seg`` RLE JSON or bitmask PNGs."""
import os
import os.path as osp
from typing import Any, Dict, List

from mmdet.registry import DATASETS

from ..labels import LabelError
from ..labels.categories import DET_PALETTE, INS_SEG_CLASSES
from ..labels.frames import Frame
from ..labels.mapping import CategoryMapper
from ..labels.instances import check_mask_size, frame_size, rle_xyxy
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
    geometry = 'rle'

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Parses the RLE label file, or lists the bitmask folder (``data_prefix['seg']``)."""
        if self.ann_file:
            return super().load_data_list()
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

    def parse_label(self, frame: Frame, label: Dict[str, Any],
                    mapper: CategoryMapper) -> Dict[str, Any]:
        """One labelled mask -> an mmdet instance (RLE mask, box of its pixels, class, flags)."""
        instance = label_instance(self.ann_file, frame, label, mapper)
        check_mask_size(label, frame_size(frame), self.ann_file, frame)
        instance.update(mask=label['rle'], bbox=rle_xyxy(label['rle']))
        return instance

    def filter_data(self) -> List[Dict[str, Any]]:
        """As :meth:`BDD100KDetDataset.filter_data`, keeping the frames of bitmask mode."""
        if not self.ann_file:
            return self.data_list
        return super().filter_data()
