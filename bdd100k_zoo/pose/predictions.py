"""Top-down pose outputs -> Scalabel pose frames, the official prediction (submission) format.

A top-down model predicts the joints of one person box per sample; the official format holds one
frame per image with one label per person. The people of an image are grouped back into its frame,
rescored and de-duplicated with OKS NMS, as the earlier zoo's conversion of its published results
did (score = box score x mean of the joint scores above 0.2; OKS NMS at 0.9), then written as
labels::

    {"name": "<image>.jpg", "labels": [{
        "id": "0", "category": "pedestrian", "score": 0.83,
        "box2d": {"x1": ..., "y1": ..., "x2": ..., "y2": ...},       # the input person box
        "graph": {"type": "Pose2D-18Joints_Pred",
                  "nodes": [{"location": [x, y], "category": "head", "score": 0.91,
                             "visibility": "V", "id": "0-00"}, ... 18 nodes in joint order],
                  "edges": [{"source": "0-00", "target": "0-01"}, ...]}}]}

Node ``visibility`` is ``V`` when the joint's score is above the keypoint threshold, else ``N`` (the
official evaluation reads node scores; visuals draw ``V`` joints only).
"""
import os.path as osp
from typing import Any, Dict, Iterable, List, Mapping, Sequence

import numpy as np
from mmpose.evaluation.functional import oks_nms, soft_oks_nms

from ..labels.boxes import xyxy_to_box2d
from ..labels.categories import POSE_CATEGORY, POSE_JOINTS, POSE_SIGMAS, POSE_SKELETON
from ..labels.frames import Frame, Label

#: One predicted person: ``name`` and ``img_path`` of its image, ``order`` (its sample's dataset id
#: and instance index), ``bbox`` (xyxy), ``bbox_score``, ``area`` (for OKS NMS), ``keypoints``
#: (K x 2) and ``keypoint_scores`` (K).
Person = Dict[str, Any]

SCORE_MODES = ('bbox', 'keypoint', 'bbox_keypoint')
NMS_MODES = ('oks_nms', 'soft_oks_nms', 'none')
GRAPH_TYPE = 'Pose2D-18Joints_Pred'
SKELETON_INDICES = tuple((POSE_JOINTS.index(start), POSE_JOINTS.index(end))
                         for start, end in POSE_SKELETON)


def check_modes(score_mode: str, nms_mode: str) -> None:
    """Raises ValueError for a score or NMS mode this module does not know."""
    if score_mode not in SCORE_MODES:
        raise ValueError(f'score_mode must be one of {SCORE_MODES}, got {score_mode!r}')
    if nms_mode not in NMS_MODES:
        raise ValueError(f'nms_mode must be one of {NMS_MODES}, got {nms_mode!r}')


def as_array(value: Any) -> np.ndarray:
    """A numpy copy of an array or (CPU or device) tensor, in its own dtype."""
    if hasattr(value, 'detach'):
        value = value.detach().cpu().numpy()
    return np.array(value)


def sample_people(data_sample: Mapping[str, Any]) -> List[Person]:
    """The people of one mmpose output (a ``PoseDataSample`` as a dict).

    Reads ``pred_instances`` (``keypoints``, ``keypoint_scores``, ``bboxes``, ``bbox_scores``: the
    top-down estimator copies the input box and its score there) and the padded box scales of
    ``gt_instances`` (``bbox_scales``: the areas OKS NMS uses, as mmpose's CocoMetric does; else the
    joints' extent).
    """
    pred = data_sample['pred_instances']
    keypoints = as_array(pred['keypoints'])
    keypoint_scores = as_array(pred['keypoint_scores'])
    bboxes = as_array(pred['bboxes'])
    bbox_scores = as_array(pred['bbox_scores'])
    scales = (data_sample.get('gt_instances') or {}).get('bbox_scales')
    if scales is not None and len(scales) == len(keypoints):
        areas = np.prod(as_array(scales), axis=1)
    else:
        areas = np.prod(keypoints.max(axis=1) - keypoints.min(axis=1), axis=1)
    img_path = data_sample['img_path']
    name = data_sample.get('name') or osp.basename(img_path)
    return [dict(name=name, img_path=img_path, order=(data_sample['id'], index),
                 bbox=bboxes[index], bbox_score=float(bbox_scores[index]),
                 area=float(areas[index]), keypoints=keypoints[index],
                 keypoint_scores=keypoint_scores[index])
            for index in range(len(keypoints))]


def person_score(person: Person, score_mode: str, keypoint_score_thr: float) -> float:
    """The confidence of a person.

    ``bbox``: the box score; ``keypoint``: the mean joint score; ``bbox_keypoint``: the box score
    times the mean of the joint scores above ``keypoint_score_thr`` (0 if none is).
    """
    scores = np.asarray(person['keypoint_scores'], dtype=np.float64)
    if score_mode == 'bbox':
        return person['bbox_score']
    if score_mode == 'keypoint':
        return float(scores.mean())
    confident = scores[scores > keypoint_score_thr]
    return person['bbox_score'] * (float(confident.mean()) if confident.size else 0.0)


def suppress(people: Sequence[Person], scores: Sequence[float], nms_mode: str,
             nms_thr: float) -> List[int]:
    """Indices of the people of one image that OKS NMS keeps (all for ``nms_mode='none'``)."""
    if nms_mode == 'none':
        return list(range(len(people)))
    nms = oks_nms if nms_mode == 'oks_nms' else soft_oks_nms
    candidates = [dict(score=score, area=person['area'],
                       keypoints=np.concatenate([person['keypoints'],
                                                 person['keypoint_scores'][:, None]], axis=1))
                  for person, score in zip(people, scores)]
    return [int(index) for index in nms(candidates, nms_thr, sigmas=np.array(POSE_SIGMAS))]


def pose_label(person: Person, score: float, label_id: str, keypoint_score_thr: float) -> Label:
    """The Scalabel label of a person (see the module docstring)."""
    node_ids = [f'{label_id}-{index:02d}' for index in range(len(POSE_JOINTS))]
    nodes = [{'location': [float(x), float(y)], 'category': joint, 'score': float(joint_score),
              'visibility': 'V' if joint_score > keypoint_score_thr else 'N', 'id': node_id}
             for (x, y), joint_score, joint, node_id in zip(
                 person['keypoints'], person['keypoint_scores'], POSE_JOINTS, node_ids)]
    edges = [{'source': node_ids[start], 'target': node_ids[end]}
             for start, end in SKELETON_INDICES]
    return {'id': label_id, 'category': POSE_CATEGORY, 'score': float(score),
            'box2d': xyxy_to_box2d(person['bbox']),
            'graph': {'nodes': nodes, 'edges': edges, 'type': GRAPH_TYPE}}


def group_frames(people: Iterable[Person], names: Sequence[str], score_mode: str = 'bbox_keypoint',
                 keypoint_score_thr: float = 0.2, nms_mode: str = 'oks_nms',
                 nms_thr: float = 0.9) -> List[Frame]:
    """One prediction frame per image: its people rescored, suppressed and in dataset order.

    Args:
        people: predicted people of any images (see :func:`sample_people`).
        names: the frames to write, in order (e.g. every frame of the label file); frames of
            people named elsewhere follow them.
        score_mode: one of :data:`SCORE_MODES` (see :func:`person_score`).
        keypoint_score_thr: joint score threshold of ``bbox_keypoint`` and of node visibility.
        nms_mode: one of :data:`NMS_MODES`.
        nms_thr: the OKS above which the lower-scored of two people of an image is dropped.
    """
    check_modes(score_mode, nms_mode)
    by_name: Dict[str, List[Person]] = {name: [] for name in names}
    for person in sorted(people, key=lambda person: person['order']):
        by_name.setdefault(person['name'], []).append(person)
    frames = []
    for name, group in by_name.items():
        scores = [person_score(person, score_mode, keypoint_score_thr) for person in group]
        kept = sorted(suppress(group, scores, nms_mode, nms_thr))
        frames.append({'name': name, 'labels': [
            pose_label(group[index], scores[index], str(rank), keypoint_score_thr)
            for rank, index in enumerate(kept)]})
    return frames
