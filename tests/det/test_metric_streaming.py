"""The det metric at full size: compact per-image arrays, and box AP identical to scalabel's
``evaluate_det`` (the official evaluation) on the real fixture and on adversarial frames (crowds,
ignored categories, tied scores and IoUs, area-range borders, over 100 detections per class)."""
import json
import os
import os.path as osp
import pickle
import sys

import numpy as np
import pytest
import torch
from scalabel.eval.detect import evaluate_det

from bdd100k_zoo.evaluation import evaluate_sliced
from bdd100k_zoo.evaluation.box_ap import ImageBoxes, box_ap, label_arrays, official_categories
from bdd100k_zoo.evaluation.configs import TASK_SPECS, scalabel_config
from bdd100k_zoo.evaluation.inputs import Origin, prepare_frames
from bdd100k_zoo.evaluation.scalabel_io import quiet, to_frames
from bdd100k_zoo.labels import LabelError

from .detections import build_metric, samples_of

sys.path.insert(0, osp.join(osp.dirname(__file__), '..', '..', 'benchmarks'))
import bench_metrics  # noqa: E402  (benchmarks/ is not a package)

GT = 'scalabel-eval/box_track/track_sample_anns.json'
PREDS = 'scalabel-eval/det/bbox_predictions.json'
EMPTY_PREDS = 'scalabel-eval/det/bbox_predictions_empty.json'
CORNERS = ('x1', 'y1', 'x2', 'y2')


def read(path):
    with open(path) as f:
        content = json.load(f)
    return content['frames'] if isinstance(content, dict) else content


def checked(frames, prediction):
    return prepare_frames(frames, TASK_SPECS['det'], Origin('test'), prediction)


def official(gt, preds):
    """scalabel's ``evaluate_det`` (the official det evaluation) as a plain dict."""
    with quiet():
        result = evaluate_det(to_frames(checked(gt, False)), to_frames(checked(preds, True)),
                              scalabel_config('det'), 1)
    return result.dict()


def ours(gt, preds):
    """:func:`box_ap` of the same frames, as a plain dict."""
    index = {name: i for i, name in enumerate(official_categories())}
    by_name = {frame['name']: frame for frame in checked(preds, True)}
    images = []
    for frame in sorted(checked(gt, False), key=lambda frame: frame['name']):
        gt_boxes, gt_categories, crowd, _ = label_arrays(frame['labels'], index)
        pred = by_name.get(frame['name'], {'labels': []})
        dt_boxes, dt_categories, _, scores = label_arrays(pred['labels'], index)
        images.append(ImageBoxes(gt_boxes, gt_categories, crowd, dt_boxes, scores,
                                 dt_categories))
    return box_ap(images, official_categories()).dict()


def assert_identical(mine, theirs):
    """Every number equal, bit for bit (NaN where the official one is NaN)."""
    assert json.dumps(mine) == json.dumps(theirs)


@pytest.mark.parametrize('preds', [PREDS, EMPTY_PREDS])
def test_box_ap_is_the_official_result_on_the_real_fixture(data_dir, preds):
    gt, predictions = read(osp.join(data_dir, GT)), read(osp.join(data_dir, preds))
    result = ours(gt, predictions)
    assert_identical(result, official(gt, predictions))
    if preds == PREDS:  # EXPECTED.md of the shared fixtures
        assert result['AP'][-1]['OVERALL'] == pytest.approx(34.029392668401016, abs=1e-12)


def adversarial_frames(seed, frames=12):
    """Frames built to hit every matching rule: integer boxes (tied IoUs) at the 32/96 area
    borders, crowds and categories the config maps to ignored, rounded scores (ties), up to 260
    detections a frame (over 100 per class), frames without prediction."""
    rng = np.random.default_rng(seed)
    names = ('other person', 'other vehicle', 'trailer', 'car', 'pedestrian', 'traffic sign')
    gt, preds = [], []
    for index in range(frames):
        labels = []
        for label_id in range(int(rng.integers(0, 14))):
            x, y = (int(v) for v in rng.integers(0, 80, 2))
            w, h = (int(v) for v in rng.choice([1, 4, 31, 32, 33, 95, 96, 97, 140], 2))
            labels.append({'id': str(label_id), 'category': str(rng.choice(names)),
                           'attributes': {'crowd': bool(rng.random() < 0.15)},
                           'box2d': {'x1': x, 'y1': y, 'x2': x + w - 1, 'y2': y + h - 1}})
        gt.append({'name': f'{index:03d}.jpg', 'labels': labels})
        detections = []
        for det_id in range(int(rng.integers(0, 260))):
            if labels and rng.random() < 0.7:
                box = labels[int(rng.integers(len(labels)))]['box2d']
                shift = rng.integers(-3, 4, 4) * (rng.random() < 0.8)
                corners = [float(box[key] + d) for key, d in zip(CORNERS, shift)]
            else:
                x, y, w, h = (float(v) for v in rng.integers(0, 120, 4))
                corners = [x, y, x + w, y + h]
            corners[2], corners[3] = max(corners[2], corners[0]), max(corners[3], corners[1])
            score = float(rng.choice([0.25, 0.5, 0.9])) if rng.random() < 0.5 else rng.random()
            category = str(rng.choice(names[3:], p=[0.6, 0.2, 0.2]))
            detections.append({'id': str(det_id), 'category': category,
                               'score': score, 'box2d': dict(zip(CORNERS, corners))})
        if rng.random() < 0.85:
            preds.append({'name': f'{index:03d}.jpg', 'labels': detections})
    return gt, preds


@pytest.mark.parametrize('seed', range(3))
def test_box_ap_is_the_official_result_on_adversarial_frames(seed):
    gt, preds = adversarial_frames(seed)
    assert max(sum(label['category'] == 'car' for label in frame['labels'])
               for frame in preds) > 100
    assert_identical(ours(gt, preds), official(gt, preds))


def test_metric_keeps_small_arrays_and_slices_like_the_official_evaluation(tmp_path):
    gt, preds = adversarial_frames(seed=7, frames=16)
    weathers = ('clear', 'rainy', 'snowy')
    for index, frame in enumerate(gt):
        frame['attributes'] = {'weather': weathers[index % 3]}
    ann_file = tmp_path / 'gt.json'
    ann_file.write_text(json.dumps(gt))
    metric = build_metric(str(ann_file), slice_by=('weather',), output_dir=str(tmp_path / 'out'),
                          max_visuals=0)
    samples = samples_of(preds)
    metric.process({}, samples)
    # per image: three small arrays and two strings, about 28 bytes a detection
    for record, sample in zip(metric.results, samples):
        assert sorted(record) == ['bboxes', 'img_path', 'labels', 'name', 'scores']
        detections = len(sample['pred_instances']['scores'])
        assert len(pickle.dumps(record)) < 600 + 40 * detections
    metrics = metric.evaluate(len(samples))
    # the official path: the written predictions through scalabel (evaluate / evaluate_sliced)
    written = read(tmp_path / 'out' / 'preds.json')
    assert [frame['name'] for frame in written] == [frame['name'] for frame in preds]
    expected = official(gt, written)
    assert metrics['bdd100k/AP'] == expected['AP'][-1]['OVERALL']
    assert metrics['bdd100k/AR100'] == expected['AR100'][-1]['OVERALL']
    slices = evaluate_sliced('det', gt, written, by=('weather',))['weather']
    assert set(slices) == set(weathers)
    for value, scores in slices.items():
        for name, number in scores.summary.items():
            key = f'bdd100k/weather/{value}/{name}'
            assert metrics[key] == number or (np.isnan(number) and np.isnan(metrics[key])), key
    assert sorted(os.listdir(tmp_path / 'out')) == ['preds.json', 'scores.json']


def one_sample(name='a.jpg', box=(0.0, 0.0, 10.0, 10.0), score=0.5, label=0):
    return dict(name=name, img_path=None, pred_instances=dict(
        bboxes=torch.tensor([box]), scores=torch.tensor([score]), labels=torch.tensor([label])))


@pytest.mark.parametrize('sample, message', [
    (one_sample(score=float('nan')), "frame 'a.jpg', detection 0: score that is not finite"),
    (one_sample(box=(5.0, 0.0, 4.0, 10.0)), "frame 'a.jpg', detection 0: box of negative"),
    (one_sample(label=10), "frame 'a.jpg', detection 0: class index outside 0..9")])
def test_bad_detections_name_the_frame(tmp_path, sample, message):
    metric = build_metric(str(tmp_path / 'gt.json'))
    with pytest.raises(LabelError, match=message):
        metric.process({}, [sample])


def test_prediction_of_an_unknown_frame_is_refused(tmp_path):
    ann_file = tmp_path / 'gt.json'
    ann_file.write_text(json.dumps([{'name': 'a.jpg', 'labels': []}]))
    metric = build_metric(str(ann_file))
    metric.process({}, [one_sample(), one_sample(name='b.jpg')])
    with pytest.raises(LabelError, match="frame 'b.jpg': prediction for a frame that is not in"):
        metric.evaluate(2)


def test_the_benchmark_data_score_the_same_as_officially(tmp_path):
    bench_metrics.write_data(str(tmp_path), det_frames=24, seg_frames=0)
    ours = bench_metrics.run_ours('det', str(tmp_path))[1]
    official = bench_metrics.run_official('det', str(tmp_path))[1]
    assert len(official) == 12 and not bench_metrics.differences(ours, official)
