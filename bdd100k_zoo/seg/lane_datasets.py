"""BDD100K lane marking for mmseg: the 100K images with their official lane labels.

Lane labels come in two official forms, both read here: lane mask PNGs
(``labels/lane/masks/<split>/<stem>.png``, the byte encoding of :mod:`bdd100k_zoo.labels.lanes`)
and Scalabel ``poly2d`` labels (``labels/lane/polygons/lane_<split>.json``), kept as arrays
(:class:`~bdd100k_zoo.labels.lane_frames.LaneFrames`) and drawn into the same masks on loading.
Lane marking and drivable area label the same 100K images, so the dataset can also pair each
image with its drivable mask: one sample stream for a lane + drivable model.
"""
import os.path as osp
from typing import Any, Dict, List, Optional

from mmseg.registry import DATASETS

from ..labels.categories import DRIVABLE_CLASSES, LANE_ATTRIBUTES, LANE_CATEGORIES, LANE_PALETTE
from ..labels.lane_frames import LaneFrames, read_lane_frames
from .datasets import MASK_SUFFIX, BDD100KMaskDataset, check_masks_exist

#: Where each lane label form lives, relative to ``data_root``.
LANE_SOURCES = {'masks': 'labels/lane/masks/{split}',
                'polygons': 'labels/lane/polygons/lane_{split}.json'}
#: The ``lane_frame`` of an image the ``poly2d`` file has no frame of (it has no lane marking).
NO_LANE_FRAME = -1


@DATASETS.register_module()
class BDD100KLaneDataset(BDD100KMaskDataset):
    """BDD100K lane marking: 100K images, 8 categories, direction and style attributes.

    Each sample gets ``lane_map_path`` (mask form) or ``lane_labels`` (``poly2d`` form, built
    from the arrays when the sample is loaded) for
    :class:`~bdd100k_zoo.seg.lane_transforms.BDD100KLoadLaneAnnotations`, and with
    ``with_drivable`` its drivable mask as ``seg_map_path`` (for ``BDD100KLoadAnnotations``).
    The metainfo holds the official ``classes`` (the lane categories, with their palette) and
    ``attributes`` (:data:`~bdd100k_zoo.labels.categories.LANE_ATTRIBUTES`).

    Args:
        split: ``'train'``, ``'val'`` or ``'test'``.
        lane_source: ``'masks'`` (PNGs), ``'polygons'`` (the ``poly2d`` JSON) or ``None`` (no
            lane labels, e.g. the test split).
        with_drivable: also pair each image with its drivable mask.
        **kwargs: as :class:`~bdd100k_zoo.seg.datasets.BDD100KMaskDataset` (``data_root``,
            ``pipeline``, ``test_mode``, ``attributes_file``, ...).

    Raises:
        ValueError: an unknown ``lane_source``.
        FileNotFoundError: missing image folder, lane masks, label file or drivable masks.
        LabelError: a malformed or repeated frame or a label that cannot be drawn in the
            ``poly2d`` file (names the file, the frame, the label and the field).
    """

    #: The ``poly2d`` labels of the split (``lane_source='polygons'``), else ``None``.
    lane_frames: Optional[LaneFrames] = None

    METAINFO = {'classes': LANE_CATEGORIES, 'palette': [list(c) for c in LANE_PALETTE],
                'attributes': LANE_ATTRIBUTES}
    image_dir = 'images/100k/{split}'
    mask_dir = 'labels/drivable/masks/{split}'

    def __init__(self, split: str = 'val', lane_source: Optional[str] = 'masks',
                 with_drivable: bool = False, **kwargs: Any) -> None:
        if lane_source is not None and lane_source not in LANE_SOURCES:
            raise ValueError(f'lane_source must be one of {", ".join(LANE_SOURCES)} or None, '
                             f'got {lane_source!r}')
        self.lane_source = lane_source
        super().__init__(split=split, with_masks=with_drivable, **kwargs)

    def lane_path(self) -> str:
        """The lane mask folder or ``poly2d`` file of the split."""
        path = LANE_SOURCES[self.lane_source].format(split=self.split)
        return osp.join(self.data_root, path) if self.data_root else path

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Lists the split's images with their lane labels (and drivable masks)."""
        data_list = super().load_data_list()
        for info in data_list:
            info['num_classes'] = len(DRIVABLE_CLASSES)
        if self.lane_source == 'masks':
            folder = self.lane_path()
            for info in data_list:
                info['lane_map_path'] = osp.join(folder, osp.splitext(info['name'])[0]
                                                 + MASK_SUFFIX)
            check_masks_exist([dict(seg_map_path=info['lane_map_path']) for info in data_list],
                              folder)
        elif self.lane_source == 'polygons':
            path = self.lane_path()
            self.lane_frames = read_lane_frames(path)
            positions = {name: index for index, name in enumerate(
                self.lane_frames.names.slice(0, len(self.lane_frames)))}
            for info in data_list:
                info['lane_frame'] = positions.get(info['name'], NO_LANE_FRAME)
                info['lane_label_file'] = path
        return data_list

    def get_data_info(self, idx: int) -> Dict[str, Any]:
        """The data info of sample ``idx``; with ``poly2d`` labels, its ``lane_labels`` (Scalabel
        dicts, none if the file has no frame of the image) are built from the table here."""
        info = super().get_data_info(idx)
        position = info.pop('lane_frame', None)
        if position is not None:
            info['lane_labels'] = ([] if position == NO_LANE_FRAME
                                   else self.lane_frames.labels(position))
        return info
