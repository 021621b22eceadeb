"""BDD100K instance segmentation dataset for mmdet: ``labels/ins_seg`` RLE JSON or bitmask PNGs."""
import os
import os.path as osp
from functools import partial
from typing import Any, Callable, Dict

from mmdet.registry import DATASETS

from ..labels import LabelError
from ..labels.box_frames import read_box_table
from ..labels.categories import DET_PALETTE, INS_SEG_CLASSES
from ..labels.frame_table import FrameTable, FrameTableBuilder, TableRows
from ..labels.instances import DEFAULT_IMAGE_SIZE
from ..labels.mapping import CategoryMapper
from .datasets import BDD100KDetDataset

#: Image file extension of the 10K images the bitmasks (``<stem>.png``) belong to.
IMAGE_SUFFIX = '.jpg'


@DATASETS.register_module()
class BDD100KInsSegDataset(BDD100KDetDataset):
    """BDD100K ``ins_seg`` (images/10k, 8 classes), from the RLE label file or the bitmask PNGs.

    Two sources of the same official labels:

    - RLE (``ann_file='labels/ins_seg/rles/ins_seg_train.json'``): instances (class, RLE mask, box
      of the mask's pixels, crowd/ignored flags, attributes) are parsed and checked at init and
      kept in a :class:`~bdd100k_zoo.labels.frame_table.FrameTable` (RLE counts as one buffer).
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

    def read_table(self) -> FrameTable:
        """The frames and RLE labels of ``ann_file``, or the frames of the bitmask folder
        (``data_prefix['seg']``: each frame's file is its PNG, its labels are read later)."""
        if self.ann_file:
            self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
            return read_box_table(self.ann_file, CategoryMapper(self.metainfo['classes']), 'rle')
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
        builder = FrameTableBuilder()
        for png in names:
            builder.add_frame(osp.splitext(png)[0] + IMAGE_SUFFIX, DEFAULT_IMAGE_SIZE, {},
                              osp.join(folder, png))
        return builder.build()

    def load_data_list(self) -> TableRows:
        """As :class:`BDD100KDetDataset`; bitmask frames also carry ``bitmask_path``."""
        rows = super().load_data_list()
        if self.ann_file:
            return rows
        return TableRows(rows.table, partial(bitmask_frame_info, row=rows.row), rows.positions)

    def filter_data(self) -> TableRows:
        """As :class:`BDD100KDetDataset`; keeps every frame of bitmask mode (its instances are
        read later)."""
        return super().filter_data() if self.ann_file else self.data_list


def bitmask_frame_info(table: FrameTable, position: int,
                       row: Callable[[FrameTable, int], Dict[str, Any]]) -> Dict[str, Any]:
    """The data info ``row`` builds for a frame of bitmask PNGs, with its ``bitmask_path``."""
    return dict(row(table, position), bitmask_path=table.file(position))
