"""BDD100K detection dataset for mmdet: reads ``det_20`` Scalabel JSON directly (no COCO conversion)."""
import os.path as osp
from typing import Any, Dict, List

from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS

from ..labels import LabelError
from ..labels.boxes import box2d_to_xyxy
from ..labels.categories import DET_CLASSES, DET_PALETTE
from ..labels.frames import Frame, check_box, check_unique_names, read_frames, where
from ..labels.instances import frame_size, label_class
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
        check_images: check at load time that every image file exists (fails fast, naming the
            frame, instead of crashing mid-epoch).
        **kwargs: as :class:`mmdet.datasets.BaseDetDataset` (``ann_file``, ``data_root``,
            ``data_prefix=dict(img='images/100k/train')``, ``filter_cfg``, ``pipeline``, ...).
    """

    METAINFO = {'classes': DET_CLASSES, 'palette': list(DET_PALETTE)}
    #: The label field that makes a label an instance of this dataset.
    geometry = 'box2d'

    def __init__(self, *args: Any, check_images: bool = True, **kwargs: Any) -> None:
        self.check_images = check_images
        super().__init__(*args, **kwargs)

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Parses the label file into mmdet data infos, checking every frame and label."""
        frames = read_frames(self.ann_file)
        self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
        check_unique_names(frames, self.ann_file)
        mapper = CategoryMapper(self.metainfo['classes'])
        return [self.parse_frame(index, frame, mapper) for index, frame in enumerate(frames)]

    def image_path(self, frame: Frame) -> str:
        """Where the frame's image lives."""
        return osp.join(self.data_prefix.get('img', ''), frame['name'])

    def parse_frame(self, index: int, frame: Frame, mapper: CategoryMapper) -> Dict[str, Any]:
        """One frame -> an mmdet data info with ``instances``."""
        img_path = self.image_path(frame)
        if self.check_images and not osp.isfile(img_path):
            raise LabelError(f'{where(self.ann_file, frame)}: image file not found: {img_path}')
        height, width = frame_size(frame)
        instances = [self.parse_label(frame, label, mapper)
                     for label in frame.get('labels') or [] if label.get(self.geometry) is not None]
        return dict(img_id=index, img_path=img_path, name=frame['name'], height=height,
                    width=width, attributes=dict(frame.get('attributes') or {}),
                    instances=instances)

    def parse_label(self, frame: Frame, label: Dict[str, Any],
                    mapper: CategoryMapper) -> Dict[str, Any]:
        """One labelled box -> an mmdet instance (box, class index, ignore flag, attributes)."""
        instance = label_instance(self.ann_file, frame, label, mapper)
        check_box(label['box2d'], self.ann_file, frame, label)
        instance['bbox'] = box2d_to_xyxy(label['box2d'])
        return instance

    def filter_data(self) -> List[Dict[str, Any]]:
        """Drops frames without a non-ignored box (``filter_empty_gt``) or smaller than ``min_size``."""
        if self.test_mode or not self.filter_cfg:
            return self.data_list
        filter_empty_gt = self.filter_cfg.get('filter_empty_gt', False)
        min_size = self.filter_cfg.get('min_size', 0)
        return [info for info in self.data_list
                if min(info['width'], info['height']) >= min_size and not (
                    filter_empty_gt and all(inst['ignore_flag'] for inst in info['instances']))]

    def get_cat_ids(self, idx: int) -> List[int]:
        """Class indices of the non-ignored boxes of sample ``idx`` (for class-aware samplers)."""
        return [inst['bbox_label'] for inst in self.get_data_info(idx)['instances']
                if not inst['ignore_flag']]


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
