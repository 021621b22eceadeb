"""BDD100K pose_21 for mmpose (top-down): Scalabel JSON read directly, one sample per person."""
import math
import numbers
import os.path as osp
from functools import partial
from typing import Any, Dict, List, Optional, Sequence

import msgspec
import numpy as np
from mmengine.logging import print_log
from mmpose.datasets.datasets.base import BaseCocoStyleDataset
from mmpose.registry import DATASETS

from ..labels import LabelError
from ..labels.boxes import box2d_to_xyxy
from ..labels.categories import POSE_CATEGORY, POSE_JOINT_ALIASES, POSE_JOINTS
from ..labels.frames import (Frame, Label, check_box, check_category, check_score,
                             check_unique_names, where)
from ..labels.frame_table import RowsDataset, StringTable, TableRows
from ..labels.typed_json import read_typed_frames
from .metainfo import CLASS_METAINFO, pose_dataset_info

#: Joint visibilities of the official files: V (visible) and N (not visible, location labelled).
#: Both are labelled joints (the official conversion gives them COCO visibility 2 and 1).
VISIBILITIES = ('V', 'N')


@DATASETS.register_module()
class BDD100KPoseDataset(RowsDataset, BaseCocoStyleDataset):
    """BDD100K pose_21 people (``labels/pose_21/pose_{train,val}.json``), one sample per person.

    Each label with a ``graph`` is a pedestrian with a ``box2d`` and the 18 joints of
    :data:`~bdd100k_zoo.labels.categories.POSE_JOINTS`, in that order (the official files' names
    ``*_fingertip``/``*_toe`` are read as ``*_hand``/``*_foot``). Joints marked ``V`` and ``N``
    are both labelled (``keypoints_visible`` 1), as in the official conversion to COCO (visibility
    2 and 1). Crowd or ignored people are left out of the samples, as mmpose's COCO datasets do.
    The frames are decoded with msgspec (only the fields read) and the people kept as arrays
    (:class:`People`); a person's data info is built when its sample is loaded.

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

    def load_data_list(self) -> TableRows:
        """Reads the label file (and ``bbox_file``) into a table of people.

        Returns:
            one data info per person, built when asked for (see
            :class:`~bdd100k_zoo.labels.frame_table.TableRows`).
        """
        frames = read_pose_frames(self.ann_file)[::self.sample_interval]
        self._metainfo['ann_file'] = self.ann_file  # the metric scores against the same file
        img_prefix = self.data_prefix.get('img', '')
        if self.check_images:
            for frame in frames:
                if not osp.isfile(osp.join(img_prefix, frame.name)):
                    raise LabelError(f'{where(self.ann_file, shown_frame(frame))}: image file '
                                     f'not found: {osp.join(img_prefix, frame.name)}')
        people = self.detected_people(frames) if self.bbox_file else self.labelled_people(frames)
        return TableRows(people, partial(person_info, img_prefix=img_prefix))

    def labelled_people(self, frames: Sequence['PoseFrame']) -> 'People':
        """The labelled people (crowds, ignored people and people mmpose cannot learn from left
        out)."""
        people = PeopleBuilder(frames)
        for img_id, frame in enumerate(frames):
            for label in frame.labels or ():
                if label.graph is None:
                    continue
                shown, label_dict = shown_frame(frame), {'id': label.id}
                check_category(label.category, (POSE_CATEGORY,), self.ann_file, shown, label_dict)
                check_box(label.box2d, self.ann_file, shown, label_dict)
                keypoints = parse_graph(label.graph, self.ann_file, shown, label_dict)
                attributes = label.attributes or {}
                crowd = bool(attributes.get('crowd')) or bool(attributes.get('ignored'))
                person = dict(bbox=np.array([box2d_to_xyxy(label.box2d)], dtype=np.float32),
                              keypoints=keypoints[None], num_keypoints=len(POSE_JOINTS),
                              iscrowd=int(crowd))
                if self._is_valid_instance(person):
                    people.add(img_id, person['bbox'][0], 1.0, keypoints)
        return people.build(labelled=True)

    def detected_people(self, frames: Sequence['PoseFrame']) -> 'People':
        """The ``pedestrian`` boxes of ``bbox_file`` on the frames of the label file."""
        detections = read_pose_frames(self.bbox_file)
        by_name = {frame.name: frame for frame in detections}
        covered = [frame for frame in frames if frame.name in by_name]
        if frames and detections and not covered:
            raise LabelError(f'{self.bbox_file}: none of its frames is in {self.ann_file} (e.g. '
                             f'{detections[0].name!r}): is it a detection file of this split?')
        if len(covered) < len(frames):
            print_log(f'{self.bbox_file} has no detections for {len(frames) - len(covered)} of the '
                      f'{len(frames)} frames of {self.ann_file}: they get no person',
                      logger='current')
        people = PeopleBuilder(frames)
        no_joints = np.zeros((len(POSE_JOINTS), 2), dtype=np.float32)
        for img_id, frame in enumerate(frames):
            detection = by_name.get(frame.name)
            for label in (detection.labels or ()) if detection is not None else ():
                if label.category != POSE_CATEGORY or label.box2d is None:
                    continue
                shown, label_dict = shown_frame(detection), {'id': label.id}
                check_box(label.box2d, self.bbox_file, shown, label_dict)
                check_score(label.score, self.bbox_file, shown, label_dict)
                people.add(img_id, box2d_to_xyxy(label.box2d), label.score, no_joints)
        return people.build(labelled=False)

    def filter_data(self) -> TableRows:
        """Drops detected people scored below ``filter_cfg['bbox_score_thr']`` (if given)."""
        if not self.filter_cfg or 'bbox_score_thr' not in self.filter_cfg:
            return self.data_list
        rows = self.data_list
        scores = rows.table.scores[rows.positions]
        return rows.take(np.flatnonzero(scores >= self.filter_cfg['bbox_score_thr']))


class PoseNode(msgspec.Struct, gc=False):
    """The fields of a pose graph node the dataset reads (checked by :func:`parse_graph`)."""

    category: Any = None
    location: Any = None
    visibility: Any = None


class PoseGraph(msgspec.Struct, gc=False):
    """A label's pose ``graph`` (its ``nodes``; edges are not read)."""

    nodes: Optional[List[PoseNode]] = None


class PoseLabel(msgspec.Struct, gc=False):
    """The fields of a label the dataset reads (labelled people or detections)."""

    id: Any = None
    category: Any = None
    attributes: Optional[Dict[str, Any]] = None
    box2d: Any = None
    graph: Optional[PoseGraph] = None
    score: Any = None


class PoseFrame(msgspec.Struct, gc=False):
    """The fields of a frame the dataset reads."""

    name: str
    videoName: Optional[str] = None
    frameIndex: Optional[int] = None
    labels: Optional[List[PoseLabel]] = None


def read_pose_frames(path: str) -> List[PoseFrame]:
    """The frames of a pose label (or detection) file, each with only the fields read (a file
    with ``NaN`` is read too: its locations are refused by :func:`parse_graph`).

    Raises:
        LabelError: malformed JSON, a field of the wrong type, a repeated frame (names the file,
            the frame and the field).
    """
    frames = read_typed_frames(path, PoseFrame)
    check_unique_names([shown_frame(frame) for frame in frames], path)
    return frames


def shown_frame(frame: PoseFrame) -> Frame:
    """The fields of a frame error messages name (see :func:`~bdd100k_zoo.labels.frames.where`)."""
    return {'name': frame.name, 'videoName': frame.videoName, 'frameIndex': frame.frameIndex}


class People:
    """The people of a pose dataset as arrays (one entry per person).

    Args:
        names: the frame names (a person's image is ``names[img_ids[i]]``).
        img_ids: the frame of each person, int64.
        boxes: the person boxes ``[x1, y1, x2, y2)``, float32, (P, 4).
        scores: the box scores, float32.
        keypoints: the joint locations, float32, (P, J, 2) (zeros for detected people).
        labelled: whether the people are labelled ones (their infos carry ``num_keypoints`` and
            ``iscrowd``) or detections.
    """

    def __init__(self, names: StringTable, img_ids: np.ndarray, boxes: np.ndarray,
                 scores: np.ndarray, keypoints: np.ndarray, labelled: bool) -> None:
        self.names = names
        self.img_ids = img_ids
        self.boxes = boxes
        self.scores = scores
        self.keypoints = keypoints
        self.labelled = labelled

    def __len__(self) -> int:
        return len(self.img_ids)


class PeopleBuilder:
    """Collects people one by one, then builds :class:`People`.

    Args:
        frames: the frames the people are on.
    """

    def __init__(self, frames: Sequence[PoseFrame]) -> None:
        self.names = StringTable.from_strings([frame.name for frame in frames])
        self.img_ids: List[int] = []
        self.boxes: List[Sequence[float]] = []
        self.scores: List[float] = []
        self.keypoints: List[np.ndarray] = []

    def add(self, img_id: int, box: Sequence[float], score: float,
            keypoints: np.ndarray) -> None:
        """Adds a person of frame ``img_id``."""
        self.img_ids.append(img_id)
        self.boxes.append(box)
        self.scores.append(score)
        self.keypoints.append(keypoints)

    def build(self, labelled: bool) -> People:
        """The people added."""
        joints = len(POSE_JOINTS)
        return People(self.names, np.array(self.img_ids, dtype=np.int64),
                      np.array(self.boxes, dtype=np.float32).reshape(-1, 4),
                      np.array(self.scores, dtype=np.float32),
                      np.array(self.keypoints, dtype=np.float32).reshape(-1, joints, 2), labelled)


def person_info(people: People, index: int, img_prefix: str) -> Dict[str, Any]:
    """The mmpose data info of person ``index`` (its ``id``; images under ``img_prefix``): box,
    box score and joints (all labelled; zeros if detected)."""
    img_id = int(people.img_ids[index])
    info = dict(id=index, img_id=img_id, img_path=osp.join(img_prefix, people.names[img_id]),
                bbox=people.boxes[index:index + 1].copy(),
                bbox_score=people.scores[index:index + 1].copy(), category_id=1,
                keypoints=people.keypoints[index:index + 1].copy(),
                keypoints_visible=np.ones((1, len(POSE_JOINTS)), dtype=np.float32))
    if people.labelled:
        info.update(num_keypoints=len(POSE_JOINTS), iscrowd=0)
    return info


def parse_graph(graph: PoseGraph, path: str, frame: Frame, label: Label) -> np.ndarray:
    """The 18 x 2 joint locations (float32) of a pose ``graph``; every joint is labelled.

    Raises:
        LabelError: not 18 nodes, a node that is not the joint of its position, a location that is
            not two finite numbers, a visibility other than ``V``/``N``.
    """
    nodes = graph.nodes
    if not isinstance(nodes, list) or len(nodes) != len(POSE_JOINTS):
        count = len(nodes) if isinstance(nodes, list) else nodes
        raise LabelError(f'{where(path, frame, label)}: a pose graph has {len(POSE_JOINTS)} nodes, '
                         f'one per joint, got {count}')
    keypoints = np.zeros((len(POSE_JOINTS), 2), dtype=np.float32)
    for index, (node, joint) in enumerate(zip(nodes, POSE_JOINTS)):
        name = node.category
        if POSE_JOINT_ALIASES.get(name, name) != joint:
            raise LabelError(f'{where(path, frame, label)}: graph node #{index} is {name!r}, '
                             f'expected the joint {joint!r} (the 18 joints in the official order: '
                             f'{", ".join(POSE_JOINTS)})')
        location = node.location
        if (not isinstance(location, (list, tuple)) or len(location) != 2
                or not all(isinstance(v, numbers.Real) and not isinstance(v, bool)
                           and math.isfinite(v) for v in location)):
            raise LabelError(f'{where(path, frame, label)}: joint {name!r} needs a "location" of '
                             f'two finite numbers, got {location!r}')
        if node.visibility not in VISIBILITIES:
            raise LabelError(f'{where(path, frame, label)}: joint {name!r} has visibility '
                             f'{node.visibility!r}, expected one of {VISIBILITIES}')
        keypoints[index] = location
    return keypoints
