"""BDD100K detection dataset for mmdet: reads ``det_20`` Scalabel JSON directly (no COCO conversion)."""
import os.path as osp
from functools import partial
from typing import Any, Dict, List, Mapping, Optional, Sequence

import numpy as np
from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS

from ..labels import LabelError
from ..labels.box_frames import read_box_table
from ..labels.categories import DET_CLASSES, DET_PALETTE
from ..labels.frame_filter import parse_frame_filter
from ..labels.frame_table import FrameTable, RowsDataset, TableRows
from ..labels.frames import Frame, where
from ..labels.instances import label_class
from ..labels.mapping import CategoryMapper


@DATASETS.register_module()
class BDD100KDetDataset(RowsDataset, BaseDetDataset):
    """BDD100K ``det_20`` boxes (``labels/det_20/det_{train,val}.json``).

    Categories are mapped as the official evaluation maps them: synonyms renamed, "other person",
    "other vehicle" and "trailer" kept as ignored boxes of pedestrian/car/truck; crowd boxes are
    ignored too (``ignore_flag=1``: no training target, matched predictions not penalised by the
    official metric). Frame attributes (weather, scene, timeofday) are kept in each data info, label
    attributes (occluded, truncated, trafficLightColor, ...) in each instance.

    Args:
    The frames are read with msgspec into one :class:`~bdd100k_zoo.labels.frame_table.FrameTable`
    (numpy arrays that dataloader workers share without copies); a data info is built when its
    sample is loaded, so mmengine's ``serialize_data`` is not used.

    Args:
        check_images: check at load time that every image file exists (fails fast, naming the
            frame, instead of crashing mid-epoch).
        frame_filter: keep only the frames of a domain and/or a seeded random number of them,
            e.g. ``dict(include=dict(scene='city street'), num_frames=30000, seed=0)`` (see
            :func:`bdd100k_zoo.labels.frame_filter.parse_frame_filter`); training only (the
            metric scores every frame of the label file: slice its scores with ``slice_by``).
        **kwargs: as :class:`mmdet.datasets.BaseDetDataset` (``ann_file``, ``data_root``,
            ``data_prefix=dict(img='images/100k/train')``, ``filter_cfg``, ``pipeline``, ...).
    """

    METAINFO = {'classes': DET_CLASSES, 'palette': list(DET_PALETTE)}

    def __init__(self, *args: Any, check_images: bool = True,
                 frame_filter: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> None:
        self.check_images = check_images
        self.frame_filter = frame_filter
        super().__init__(*args, **kwargs)

    def load_data_list(self) -> Sequence[Dict[str, Any]]:
        """Reads the labels into a table of frames, checking every frame and label (and image).

        Returns:
            the frames as data infos built when asked for (see
            :class:`~bdd100k_zoo.labels.frame_table.TableRows`).
        """
        table = self.read_table()
        img_prefix = self.data_prefix.get('img', '')
        rows = TableRows(table, partial(frame_info, img_prefix=img_prefix))
        if self.frame_filter is not None:
            if self.test_mode:
                raise ValueError(f'{self.ann_file}: frame_filter selects training frames; the '
                                 f'metric scores every frame of the file: score a domain with '
                                 f"its slice_by, e.g. slice_by=('scene=city street',)")
            rows = rows.take(parse_frame_filter(self.frame_filter, self.ann_file).select(
                table.attribute_values, table.frame_attributes))
        if self.check_images:
            for index in rows.positions:
                img_path = osp.join(img_prefix, table.names[index])
                if not osp.isfile(img_path):
                    raise LabelError(f'{where(self._metainfo["ann_file"], table.frame(index))}: '
                                     f'image file not found: {img_path}')
        return rows

    def read_table(self) -> FrameTable:
        """The frames and box labels of ``ann_file`` (which the metric scores against)."""
        self._metainfo['ann_file'] = self.ann_file
        return read_box_table(self.ann_file, CategoryMapper(self.metainfo['classes']))

    def filter_data(self) -> Sequence[Dict[str, Any]]:
        """Drops frames without a non-ignored box (``filter_empty_gt``) or smaller than ``min_size``."""
        if self.test_mode or not self.filter_cfg:
            return self.data_list
        rows = self.data_list
        table = rows.table
        keep = table.sizes[rows.positions].min(axis=1) >= self.filter_cfg.get('min_size', 0)
        if self.filter_cfg.get('filter_empty_gt', False):
            frame_of_label = np.repeat(np.arange(len(table)), np.diff(table.offsets))
            targets = np.bincount(frame_of_label[~table.ignored], minlength=len(table))
            keep &= targets[rows.positions] > 0
        return rows.take(np.flatnonzero(keep))

    def get_cat_ids(self, idx: int) -> List[int]:
        """Class indices of the non-ignored boxes of sample ``idx`` (for class-aware samplers)."""
        table = self.data_list.table
        labels = table.labels(int(self.data_list.positions[idx]))
        return table.classes[labels][~table.ignored[labels]].tolist()


def frame_info(table: FrameTable, position: int, img_prefix: str) -> Dict[str, Any]:
    """The mmdet data info of the frame at ``position`` of ``table`` (images under ``img_prefix``).

    ``img_id`` is the frame's position in the label file; label attributes (occluded, truncated,
    ...) and ids are kept in each instance, and the RLE ``mask`` if the table keeps masks (its
    box is then the box of the mask's pixels).
    """
    labels = table.labels(position)
    height, width = table.sizes[position].tolist()
    instances = [dict(bbox=bbox, bbox_label=label, ignore_flag=int(ignored),
                      label_id=table.label_ids[index], attributes=table.attributes(code))
                 for index, bbox, label, ignored, code in zip(
                     range(labels.start, labels.stop), table.boxes[labels].tolist(),
                     table.classes[labels].tolist(), table.ignored[labels].tolist(),
                     table.label_attributes[labels].tolist())]
    if table.masks is not None:
        for index, instance in zip(range(labels.start, labels.stop), instances):
            instance['mask'] = table.mask(index, position)
    name = table.names[position]
    return dict(img_id=position, img_path=osp.join(img_prefix, name), name=name, height=height,
                width=width, attributes=table.attributes(int(table.frame_attributes[position])),
                instances=instances)


def label_instance(path: str, frame: Frame, label: Dict[str, Any],
                   mapper: CategoryMapper) -> Dict[str, Any]:
    """The class index, ignore flag, id and attributes of a label, mapped as officially evaluated
    (see :func:`bdd100k_zoo.labels.instances.label_class`).

    Raises:
        LabelError: the category is unknown (names ``path``, the frame and the label).
    """
    mapped = label_class(path, frame, label, mapper)
    return dict(bbox_label=mapped.index, ignore_flag=int(mapped.ignored), label_id=label.get('id'),
                attributes=dict(label.get('attributes') or {}))
