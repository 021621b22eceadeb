"""BDD100K detection dataset for mmdet: reads ``det_20`` Scalabel JSON directly (no COCO conversion)."""
import os.path as osp
from functools import partial
from typing import Any, Dict, List, Sequence, Union

import numpy as np
from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS

from ..labels import LabelError
from ..labels.box_frames import read_box_table
from ..labels.categories import DET_CLASSES, DET_PALETTE
from ..labels.frame_table import FrameTable, TableRows
from ..labels.frames import Frame, where
from ..labels.instances import label_class
from ..labels.mapping import CategoryMapper


@DATASETS.register_module()
class BDD100KDetDataset(BaseDetDataset):
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
        **kwargs: as :class:`mmdet.datasets.BaseDetDataset` (``ann_file``, ``data_root``,
            ``data_prefix=dict(img='images/100k/train')``, ``filter_cfg``, ``pipeline``, ...).
    """

    METAINFO = {'classes': DET_CLASSES, 'palette': list(DET_PALETTE)}

    def __init__(self, *args: Any, check_images: bool = True, **kwargs: Any) -> None:
        self.check_images = check_images
        # the frames are a FrameTable of numpy arrays already: pickling each data info into one
        # buffer (mmengine's serialize_data) would only build and copy millions of dicts
        super().__init__(*args, **dict(kwargs, serialize_data=False))

    def load_data_list(self) -> Sequence[Dict[str, Any]]:
        """Reads the label file into a table of frames, checking every frame and label.

        Returns:
            the frames as data infos built when asked for (see
            :class:`~bdd100k_zoo.labels.frame_table.TableRows`).
        """
        table = read_box_table(self.ann_file, CategoryMapper(self.metainfo['classes']))
        self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
        img_prefix = self.data_prefix.get('img', '')
        if self.check_images:
            for index in range(len(table)):
                img_path = osp.join(img_prefix, table.names[index])
                if not osp.isfile(img_path):
                    raise LabelError(f'{where(self.ann_file, {"name": table.names[index]})}: '
                                     f'image file not found: {img_path}')
        return TableRows(table, partial(frame_info, img_prefix=img_prefix))

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

    def _get_unserialized_subset(self, indices: Union[Sequence[int], int]) -> TableRows:
        """The first (or last, if negative) ``indices`` frames, or those at ``indices``, still as
        rows of the table (mmengine's ``indices`` and ``get_subset``)."""
        if isinstance(indices, int):
            return self.data_list[:indices] if indices >= 0 else self.data_list[indices:]
        return self.data_list.take(indices)

    def get_cat_ids(self, idx: int) -> List[int]:
        """Class indices of the non-ignored boxes of sample ``idx`` (for class-aware samplers)."""
        table = self.data_list.table
        labels = table.labels(int(self.data_list.positions[idx]))
        return table.classes[labels][~table.ignored[labels]].tolist()


def frame_info(table: FrameTable, position: int, img_prefix: str) -> Dict[str, Any]:
    """The mmdet data info of the frame at ``position`` of ``table`` (images under ``img_prefix``).

    ``img_id`` is the frame's position in the label file; label attributes (occluded, truncated,
    ...) and ids are kept in each instance.
    """
    labels = table.labels(position)
    height, width = table.sizes[position].tolist()
    instances = [dict(bbox=bbox, bbox_label=label, ignore_flag=int(ignored),
                      label_id=table.label_ids[index], attributes=table.attributes(code))
                 for index, bbox, label, ignored, code in zip(
                     range(labels.start, labels.stop), table.boxes[labels].tolist(),
                     table.classes[labels].tolist(), table.ignored[labels].tolist(),
                     table.label_attributes[labels].tolist())]
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
