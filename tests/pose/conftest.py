"""Fixtures of the pose side's tests: the real pose_21 fixture files and the per-person form of
their predictions (what BDD100KPoseMetric receives from mmpose's evaluator)."""
import os.path as osp
from typing import Callable, Dict, List

import numpy as np
import pytest

from bdd100k_zoo.labels.frames import Frame


@pytest.fixture(scope='session')
def pose_dir(data_dir) -> str:
    """``tests/data/scalabel-eval/pose``: real pose_21 labels and predictions."""
    return osp.join(data_dir, 'scalabel-eval', 'pose')


def person_samples(frames: List[Frame], image_dir: str = 'images') -> List[Dict]:
    """One mmpose output (a PoseDataSample as a dict) per person of Scalabel prediction frames.

    The person box is the predicted box2d, else the joints' extent (the official evaluation derives
    the box of a predicted pose from its joints anyway); floats stay float64, so nothing is rounded.
    """
    samples = []
    for frame in frames:
        for label in frame.get('labels') or ():
            nodes = label['graph']['nodes']
            keypoints = np.array([node['location'] for node in nodes], dtype=np.float64)
            box = label.get('box2d')
            xyxy = ([box['x1'], box['y1'], box['x2'] + 1, box['y2'] + 1] if box else
                    [*keypoints.min(axis=0), *keypoints.max(axis=0)])
            samples.append(dict(
                id=len(samples), img_id=0, img_path=osp.join(image_dir, frame['name']),
                pred_instances=dict(
                    keypoints=keypoints[None],
                    keypoint_scores=np.array([[node['score'] for node in nodes]]),
                    bboxes=np.array([xyxy], dtype=np.float64),
                    bbox_scores=np.array([label['score']])),
                gt_instances=dict(bbox_scales=np.array([[xyxy[2] - xyxy[0], xyxy[3] - xyxy[1]]]))))
    return samples


@pytest.fixture(scope='session')
def to_samples() -> Callable[..., List[Dict]]:
    """:func:`person_samples`: prediction frames -> per-person mmpose outputs."""
    return person_samples
