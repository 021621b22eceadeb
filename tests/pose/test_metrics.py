"""BDD100KPoseMetric: per-person outputs -> Scalabel frames -> official pose AP, and its files."""
import json
import os.path as osp
import zipfile

import numpy as np
import pytest
from PIL import Image

import bdd100k_zoo.pose  # noqa: F401  (registers the pose side)
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import POSE_JOINTS, POSE_SKELETON
from bdd100k_zoo.labels.frames import read_frames
from bdd100k_zoo.pose.datasets import BDD100KPoseDataset
from bdd100k_zoo.pose.metrics import BDD100KPoseMetric
from bdd100k_zoo.pose.predictions import group_frames, sample_people

#: EXPECTED.md: pose_preds.json against each label file (upstream-asserted official numbers).
OFFICIAL = {
    'pose_sample.json': {'AP': 14.059405940594061, 'AP50': 25.247524752475247,
                         'AP75': 12.871287128712872, 'AR': 27.500000000000004, 'AR50': 50.0,
                         'AR75': 25.0},
    'pose_sample_2.json': {'AP': 6.228194247996228, 'AP50': 16.124469589816123, 'AR': 16.25},
}


def metric_for(ann_file, **kwargs):
    metric = BDD100KPoseMetric(**kwargs)
    metric.dataset_meta = dict(
        BDD100KPoseDataset(ann_file=ann_file, check_images=False, lazy_init=True).metainfo,
        ann_file=ann_file)
    return metric


def run(metric, samples):
    metric.process(None, samples)
    return metric.evaluate(len(samples))


@pytest.mark.parametrize('label_file', sorted(OFFICIAL))
def test_fixture_predictions_score_the_official_numbers(pose_dir, to_samples, label_file):
    """Scalabel predictions -> per-person mmpose outputs -> the metric: the official numbers."""
    preds = read_frames(osp.join(pose_dir, 'pose_preds.json'))
    metric = metric_for(osp.join(pose_dir, label_file), score_mode='bbox', nms_mode='none')
    scores = run(metric, to_samples(preds))
    for name, value in OFFICIAL[label_file].items():
        assert scores[f'bdd100k/{name}'] == value, name


def test_conversion_round_trip_is_lossless(tmp_path, pose_dir, to_samples):
    """The submission written from the per-person outputs holds the fixture's predictions."""
    preds = read_frames(osp.join(pose_dir, 'pose_preds.json'))
    metric = metric_for(osp.join(pose_dir, 'pose_sample.json'), score_mode='bbox',
                        nms_mode='none', output_dir=str(tmp_path), max_visuals=0)
    run(metric, to_samples(preds))
    frames = read_frames(str(tmp_path / 'preds.json'))
    assert [frame['name'] for frame in frames] == [frame['name'] for frame in preds]
    for frame, pred in zip(frames, preds):
        assert len(frame['labels']) == len(pred['labels'])
        for label, original in zip(frame['labels'], pred['labels']):
            assert label['score'] == original['score'] and label['category'] == 'pedestrian'
            nodes, original_nodes = label['graph']['nodes'], original['graph']['nodes']
            assert [node['location'] for node in nodes] == [n['location'] for n in original_nodes]
            assert [node['score'] for node in nodes] == [n['score'] for n in original_nodes]
            assert [node['category'] for node in nodes] == list(POSE_JOINTS)


def person(name, person_id, keypoints, scores, box_score=1.0):
    keypoints = np.asarray(keypoints, dtype=np.float32)
    xyxy = [*keypoints.min(axis=0), *keypoints.max(axis=0)]
    return dict(id=person_id, img_id=0, img_path=f'images/{name}',
                pred_instances=dict(keypoints=keypoints[None],
                                    keypoint_scores=np.asarray([scores], dtype=np.float32),
                                    bboxes=np.array([xyxy]), bbox_scores=np.array([box_score])),
                gt_instances=dict(bbox_scales=np.array([[100.0, 200.0]])))


def labelled_joints(pose_dir):
    frame = read_frames(osp.join(pose_dir, 'pose_sample.json'))[1]
    return frame['name'], [node['location'] for node in frame['labels'][0]['graph']['nodes']]


def test_people_are_rescored_and_deduplicated_as_published(pose_dir):
    name, joints = labelled_joints(pose_dir)
    scores = [0.9] * 9 + [0.1] * 9
    samples = [person(name, 0, np.asarray(joints) + 0.5, [0.8] * 18, box_score=0.5),
               person(name, 1, joints, scores, box_score=0.5)]
    people = [p for sample in samples for p in sample_people(sample)]
    names = [name]
    # box score x mean of the joint scores above 0.2: 0.5 x 0.8 and 0.5 x 0.9; the two people lie
    # half a pixel apart (OKS ~1): NMS keeps the higher-scored, the second one
    kept = group_frames(people, names)[0]['labels']
    assert [label['score'] for label in kept] == [pytest.approx(0.45)]
    assert [node['visibility'] for node in kept[0]['graph']['nodes']] == ['V'] * 9 + ['N'] * 9
    both = group_frames(people, names, nms_mode='none')[0]['labels']
    assert [label['score'] for label in both] == [pytest.approx(0.4), pytest.approx(0.45)]
    by_joints = group_frames(people, names, score_mode='keypoint', nms_mode='none')[0]['labels']
    assert [label['score'] for label in by_joints] == [pytest.approx(0.8), pytest.approx(0.5)]


def test_writes_scores_submission_and_visuals(tmp_path, pose_dir, to_samples):
    label_file = osp.join(pose_dir, 'pose_sample.json')
    preds = read_frames(osp.join(pose_dir, 'pose_preds.json'))
    for frame in preds:
        Image.new('RGB', (1280, 720)).save(tmp_path / frame['name'])
    samples = to_samples(preds[:1], image_dir=str(tmp_path))  # the 2nd frame gets no person
    metric = metric_for(label_file, output_dir=str(tmp_path / 'out'))
    metrics = run(metric, samples)
    scores = json.loads((tmp_path / 'out' / 'scores.json').read_text())
    assert scores['task'] == 'pose' and scores['summary']['AP'] == metrics['bdd100k/AP']
    submission = json.loads((tmp_path / 'out' / 'preds.json').read_text())
    assert [frame['name'] for frame in submission] == [frame['name'] for frame in
                                                       read_frames(label_file)]
    assert len(submission[0]['labels']) == 3 and submission[1]['labels'] == []
    label = submission[0]['labels'][0]
    assert label['id'] == '0' and label['category'] == 'pedestrian'
    assert set(label['box2d']) == {'x1', 'y1', 'x2', 'y2'} and 0 < label['score'] <= 1
    graph = label['graph']
    assert graph['type'] == 'Pose2D-18Joints_Pred' and len(graph['edges']) == len(POSE_SKELETON)
    assert [node['category'] for node in graph['nodes']] == list(POSE_JOINTS)
    assert all(set(node) == {'location', 'category', 'score', 'visibility', 'id'}
               for node in graph['nodes'])
    with zipfile.ZipFile(tmp_path / 'out' / 'visuals.zip') as zf:
        assert zf.namelist() == [osp.splitext(preds[0]['name'])[0] + '.jpg']


def test_predictions_for_other_images_are_refused(pose_dir):
    name, joints = labelled_joints(pose_dir)
    metric = metric_for(osp.join(pose_dir, 'pose_sample.json'))
    with pytest.raises(LabelError, match='not in the ground truth'):
        run(metric, [person('elsewhere.jpg', 0, joints, [0.9] * 18)])


def test_unknown_modes_are_refused():
    with pytest.raises(ValueError, match='score_mode'):
        BDD100KPoseMetric(score_mode='area')
    with pytest.raises(ValueError, match='nms_mode'):
        BDD100KPoseMetric(nms_mode='nms')
