"""BDD100KTaggingMetric: the official fixture's numbers through the metric, and its output files."""
import json
import os.path as osp
import zipfile

import numpy as np
import pytest
import torch
from PIL import Image

from bdd100k_zoo.evaluation import evaluate_files
from bdd100k_zoo.export.visuals import CAPTION_HEIGHT
from bdd100k_zoo.labels.categories import TAGGING_ATTRIBUTES
from bdd100k_zoo.labels.frames import read_frames
from bdd100k_zoo.tagging.metrics import BDD100KTaggingMetric

#: ../shared/fixtures/EXPECTED.md: the fixture scored on weather and scene together, and each alone.
OVERALL = {'precision': 83.33333333333333, 'recall': 80.55555555555556,
           'f1_score': 81.66666666666666, 'accuracy': 90.0}
BY_ATTRIBUTE = {
    'weather': {'precision': 66.67, 'recall': 61.11, 'f1_score': 63.33, 'accuracy': 80.0},
    'scene': {'precision': 100.0, 'recall': 100.0, 'f1_score': 100.0, 'accuracy': 100.0},
}


@pytest.fixture
def fixture_files(data_dir):
    folder = osp.join(data_dir, 'scalabel-eval', 'tagging')
    return osp.join(folder, 'tag_gts.json'), osp.join(folder, 'tag_preds.json')


def model_outputs(pred_file, attribute, image_dir='images'):
    """What mmpretrain hands the metric for each image: a predicted class index and metainfo."""
    classes = TAGGING_ATTRIBUTES[attribute]
    return [{'pred_label': torch.tensor([classes.index(frame['attributes'][attribute])]),
             'pred_score': torch.rand(len(classes)), 'gt_label': torch.tensor([0]),
             'img_path': osp.join(image_dir, frame['name']), 'name': frame['name'],
             'sample_idx': index}
            for index, frame in enumerate(read_frames(pred_file))]


def run_metric(gt_file, outputs, attribute, **kwargs):
    metric = BDD100KTaggingMetric(**kwargs)
    metric.dataset_meta = {'classes': TAGGING_ATTRIBUTES[attribute], 'attribute': attribute,
                           'ann_file': gt_file}
    metric.process({}, outputs[:4])
    metric.process({}, outputs[4:])
    return metric.evaluate(len(outputs))


@pytest.mark.parametrize('attribute', sorted(BY_ATTRIBUTE))
def test_fixture_numbers_per_attribute(fixture_files, attribute):
    gt_file, pred_file = fixture_files
    metrics = run_metric(gt_file, model_outputs(pred_file, attribute), attribute)
    tag = attribute.upper()
    for name, value in BY_ATTRIBUTE[attribute].items():
        assert metrics[f'bdd100k/{name}'] == pytest.approx(value, abs=0.005)
        assert metrics[f'bdd100k/{name}/{tag}'] == metrics[f'bdd100k/{name}']


def test_fixture_overall_is_the_mean_of_the_attributes(fixture_files):
    """The official overall numbers average the attributes; a tagging model predicts one."""
    gt_file, pred_file = fixture_files
    per_attribute = [run_metric(gt_file, model_outputs(pred_file, attribute), attribute)
                     for attribute in BY_ATTRIBUTE]
    for name, value in OVERALL.items():
        mean = sum(metrics[f'bdd100k/{name}'] for metrics in per_attribute) / len(per_attribute)
        assert mean == pytest.approx(value, rel=1e-12)


def test_outputs_are_the_official_submission_and_score_like_the_cli(tmp_path, fixture_files):
    gt_file, pred_file = fixture_files
    out = tmp_path / 'out'
    metrics = run_metric(gt_file, model_outputs(pred_file, 'weather'), 'weather',
                         output_dir=str(out), slice_by=('timeofday',))
    preds = json.loads((out / 'preds.json').read_text())
    expected = read_frames(pred_file)
    assert preds == [{'name': frame['name'],
                      'attributes': {'weather': frame['attributes']['weather']}}
                     for frame in expected]
    cli = evaluate_files('tagging', gt_file, str(out / 'preds.json'))
    unsliced = {name: value for name, value in metrics.items()
                if not name.startswith('bdd100k/timeofday/')}
    assert unsliced == {f'bdd100k/{name}': value for name, value in cli.summary.items()}
    scores = json.loads((out / 'scores.json').read_text())
    assert scores['summary'] == cli.to_dict()['summary']
    clear = scores['per_class']['weather.clear']
    assert (clear['precision'], clear['f1_score']) == (100.0, 80.0)
    assert clear['recall'] == pytest.approx(200 / 3)
    night = scores['slices']['timeofday']['night']['summary']
    assert metrics['bdd100k/timeofday/night/accuracy'] == night['accuracy']
    with zipfile.ZipFile(out / 'visuals.zip') as visuals:  # the fixture has no images
        assert visuals.namelist() == []


def test_visuals_show_the_predicted_tag(tmp_path, tiny_sample):
    gt_file = osp.join(tiny_sample, 'labels', 'det_20', 'det_val.json')
    image_dir = osp.join(tiny_sample, 'images', '100k', 'val')
    outputs = model_outputs(gt_file, 'scene', image_dir)
    metrics = run_metric(gt_file, outputs, 'scene', output_dir=str(tmp_path))
    assert metrics['bdd100k/accuracy'] == 100.0
    with zipfile.ZipFile(tmp_path / 'visuals.zip') as visuals:
        assert visuals.namelist() == [osp.splitext(output['name'])[0] + '.jpg'
                                      for output in outputs]
        with visuals.open(visuals.namelist()[0]) as f:
            drawn = np.asarray(Image.open(f).convert('L'), dtype=float)
    original = np.asarray(Image.open(outputs[0]['img_path']).convert('L'), dtype=float)
    height, width = original.shape
    assert drawn.shape == (height + CAPTION_HEIGHT, 2 * width)  # ground truth | predictions
    predicted = drawn[CAPTION_HEIGHT:, width:]
    # the tag is written white on a black band in the top-left corner; the rest is the image
    assert predicted[:16, :4].mean() < 20 and predicted[:16, 4:60].max() > 200
    assert np.abs(predicted[100:] - original[100:]).mean() < 5


def test_metric_needs_a_tagging_dataset(fixture_files):
    gt_file, pred_file = fixture_files
    metric = BDD100KTaggingMetric(ann_file=gt_file)
    metric.dataset_meta = {'classes': TAGGING_ATTRIBUTES['weather']}
    with pytest.raises(ValueError, match='must name its attribute'):
        metric.process({}, model_outputs(pred_file, 'weather'))
