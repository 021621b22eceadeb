"""BDD100K pose_21 for mmpose (top-down): Scalabel JSON read directly, one sample per person."""
import math
import numbers
import os.path as osp
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
from mmengine.logging import print_log
from mmpose.datasets.datasets.base import BaseCocoStyleDataset
from mmpose.registry import DATASETS

from ..labels import LabelError
from ..labels.boxes import box2d_to_xyxy
from ..labels.categories import POSE_CATEGORY, POSE_JOINT_ALIASES, POSE_JOINTS
from ..labels.frames import (Frame, Label, check_box, check_category, check_score,
                             check_unique_names, where)
from ..labels.typed_json import read_dataset_frames
from .metainfo import CLASS_METAINFO, pose_dataset_info

#: Joint visibilities of the official files: V (visible) and N (not visible, location labelled).
#: Both are labelled joints (the official conversion gives them COCO visibility 2 and 1).
VISIBILITIES = ('V', 'N')


@DATASETS.register_module()
class BDD100KPoseDataset(BaseCocoStyleDataset):
    """BDD100K pose_21 people (``labels/pose_21/pose_{train,val}.json``), one sample per person.

    Each label with a ``graph`` is a pedestrian with a ``box2d`` and the 18 joints of
    :data:`~bdd100k_zoo.labels.categories.POSE_JOINTS`, in that order (the official files' names
    ``*_fingertip``/``*_toe`` are read as ``*_hand``/``*_foot``). Joints marked ``V`` and ``N``
    are both labelled (``keypoints_visible`` 1), as in the official conversion to COCO (visibility
    2 and 1). Crowd or ignored people are left out of the samples, as mmpose's COCO datasets do.

    For testing, the person boxes may come from a detector instead (``bbox_file``); the metric
    scores against the same label file either way (the dataset puts ``ann_file`` in its metainfo).

    Args:
        ann_file: the pose_21 label file (relative to ``data_root``).
        bbox_file: test mode only: a Scalabel JSON of detected people (``pedestrian`` labels with
            ``box2d`` and ``score``, e.g. the ``preds.json`` of a det model of this zoo), matched
            to the frames of ``ann_file`` by name; frames it does not cover get no person. Drop
            low-scored boxes with ``filter_cfg=dict(bbox_score_thr=...)``. ``None``: the labelled
            boxes.
        data_mode: only ``'topdown'``.
        check_images: check at load time that every image file exists.
        **kwargs: as :class:`mmpose.datasets.BaseCocoStyleDataset` (``data_root``,
            ``data_prefix=dict(img='images/100k/val/')``, ``filter_cfg``, ``pipeline``,
            ``test_mode``, ``indices``, ``sample_interval``, ...).

    Raises:
        LabelError: malformed JSON, an unknown or misplaced joint, a wrong number of joints, a bad
            location, visibility, box or score (the message names the file, frame and label).
    """

    METAINFO = pose_dataset_info()

    def __init__(self, ann_file: str = '', bbox_file: Optional[str] = None,
                 data_mode: str = 'topdown', check_images: bool = True, **kwargs: Any) -> None:
        if data_mode != 'topdown':
            raise ValueError(f'{type(self).__name__} supports data_mode="topdown" only, got '
                             f'{data_mode!r}')
        self.check_images = check_images
        super().__init__(ann_file=ann_file, bbox_file=bbox_file, data_mode=data_mode, **kwargs)

    @classmethod
    def _load_metainfo(cls, metainfo: Optional[dict] = None) -> dict:
        """mmpose's parsed pose metainfo plus the class list and palette of the visuals."""
        return dict(super()._load_metainfo(metainfo), **CLASS_METAINFO)

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Reads the label file (and ``bbox_file``) into one data info per person."""
        frames = read_dataset_frames(self.ann_file)[::self.sample_interval]
        check_unique_names(frames, self.ann_file)
        self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
        if self.check_images:
            for frame in frames:
                if not osp.isfile(self.image_path(frame)):
                    raise LabelError(f'{where(self.ann_file, frame)}: image file not found: '
                                     f'{self.image_path(frame)}')
        people = self.detected_people(frames) if self.bbox_file else self.labelled_people(frames)
        for index, person in enumerate(people):
            person['id'] = index
        return people

    def image_path(self, frame: Frame) -> str:
        """Where the frame's image lives."""
        return osp.join(self.data_prefix.get('img', ''), frame['name'])

    def labelled_people(self, frames: Sequence[Frame]) -> List[Dict[str, Any]]:
        """The labelled people (crowds and ignored people left out)."""
        people = []
        for img_id, frame in enumerate(frames):
            for label in frame.get('labels') or ():
                if label.get('graph') is None:
                    continue
                check_category(label.get('category'), (POSE_CATEGORY,), self.ann_file, frame,
                               label)
                check_box(label.get('box2d'), self.ann_file, frame, label)
                keypoints = parse_graph(label['graph'], self.ann_file, frame, label)
                attributes = label.get('attributes') or {}
                person = self.person(img_id, frame, label['box2d'], 1.0, keypoints)
                person.update(num_keypoints=len(POSE_JOINTS),
                              iscrowd=int(bool(attributes.get('crowd'))
                                          or bool(attributes.get('ignored'))))
                if self._is_valid_instance(person):
                    people.append(person)
        return people

    def detected_people(self, frames: Sequence[Frame]) -> List[Dict[str, Any]]:
        """The ``pedestrian`` boxes of ``bbox_file`` on the frames of the label file."""
        detections = read_dataset_frames(self.bbox_file)
        check_unique_names(detections, self.bbox_file)
        by_name = {frame['name']: frame for frame in detections}
        covered = [frame for frame in frames if frame['name'] in by_name]
        if frames and detections and not covered:
            raise LabelError(f'{self.bbox_file}: none of its frames is in {self.ann_file} (e.g. '
                             f'{detections[0]["name"]!r}): is it a detection file of this split?')
        if len(covered) < len(frames):
            print_log(f'{self.bbox_file} has no detections for {len(frames) - len(covered)} of the '
                      f'{len(frames)} frames of {self.ann_file}: they get no person',
                      logger='current')
        people = []
        for img_id, frame in enumerate(frames):
            detection = by_name.get(frame['name'], {})
            for label in detection.get('labels') or ():
                if label.get('category') != POSE_CATEGORY or label.get('box2d') is None:
                    continue
                check_box(label['box2d'], self.bbox_file, detection, label)
                check_score(label.get('score'), self.bbox_file, detection, label)
                people.append(self.person(img_id, frame, label['box2d'], label['score'],
                                          np.zeros((len(POSE_JOINTS), 2), dtype=np.float32)))
        return people

    def person(self, img_id: int, frame: Frame, box2d: Dict[str, float], score: float,
               keypoints: np.ndarray) -> Dict[str, Any]:
        """A person's data info: box, box score and joints (all labelled; zeros if detected)."""
        return dict(img_id=img_id, img_path=self.image_path(frame),
                    bbox=np.array([box2d_to_xyxy(box2d)], dtype=np.float32),
                    bbox_score=np.array([score], dtype=np.float32), category_id=1,
                    keypoints=keypoints[None],
                    keypoints_visible=np.ones((1, len(POSE_JOINTS)), dtype=np.float32))


def parse_graph(graph: Any, path: str, frame: Frame, label: Label) -> np.ndarray:
    """The 18 x 2 joint locations (float32) of a pose ``graph``; every joint is labelled.

    Raises:
        LabelError: not 18 nodes, a node that is not the joint of its position, a location that is
            not two finite numbers, a visibility other than ``V``/``N``.
    """
    nodes = graph.get('nodes') if isinstance(graph, dict) else None
    if not isinstance(nodes, list) or len(nodes) != len(POSE_JOINTS):
        count = len(nodes) if isinstance(nodes, list) else nodes
        raise LabelError(f'{where(path, frame, label)}: a pose graph has {len(POSE_JOINTS)} nodes, '
                         f'one per joint, got {count}')
    keypoints = np.zeros((len(POSE_JOINTS), 2), dtype=np.float32)
    for index, (node, joint) in enumerate(zip(nodes, POSE_JOINTS)):
        node = node if isinstance(node, dict) else {}
        name = node.get('category')
        if POSE_JOINT_ALIASES.get(name, name) != joint:
            raise LabelError(f'{where(path, frame, label)}: graph node #{index} is {name!r}, '
                             f'expected the joint {joint!r} (the 18 joints in the official order: '
                             f'{", ".join(POSE_JOINTS)})')
        location = node.get('location')
        if (not isinstance(location, (list, tuple)) or len(location) != 2
                or not all(isinstance(v, numbers.Real) and not isinstance(v, bool)
                           and math.isfinite(v) for v in location)):
            raise LabelError(f'{where(path, frame, label)}: joint {name!r} needs a "location" of '
                             f'two finite numbers, got {location!r}')
        if node.get('visibility') not in VISIBILITIES:
            raise LabelError(f'{where(path, frame, label)}: joint {name!r} has visibility '
                             f'{node.get("visibility")!r}, expected one of {VISIBILITIES}')
        keypoints[index] = location
    return keypoints
