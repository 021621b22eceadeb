"""BDD100KPanSegMetric: the official PQ of the official fixtures, and the submission files."""
import json
import os
import os.path as osp
import zipfile

import numpy as np
import pytest
import torch
from PIL import Image

from bdd100k_zoo.det.panoptic.metric import BDD100KPanSegMetric
from bdd100k_zoo.det.panoptic.conversion import PAN_SEG_MODEL_CLASSES, bitmask_to_panoptic, palette
from bdd100k_zoo.evaluation import evaluate_files
from bdd100k_zoo.labels.masks import read_bitmask, read_png

#: The numbers the bdd100k toolkit asserts for this fixture (shared fixtures, EXPECTED.md).
OFFICIAL = {'PQ': 66.46278879162743, 'PQ/STUFF': 64.38602380902118,
            'PQ/THING': 82.03852616117427}


@pytest.fixture
def fixture_dir(data_dir) -> str:
    return osp.join(data_dir, 'bdd100k-eval', 'pan_seg')


def model_output(png: str, img_path: str) -> dict:
    """PanopticFPN's data sample for an image whose prediction is the bitmask ``png``."""
    panoptic = bitmask_to_panoptic(read_bitmask(png), PAN_SEG_MODEL_CLASSES, png)
    return {'img_path': img_path, 'ori_shape': panoptic.shape,
            'pred_panoptic_seg': {'sem_seg': torch.from_numpy(panoptic)[None]}}


def scored(metric: BDD100KPanSegMetric, fixture_dir: str, image_dir: str) -> dict:
    metric.dataset_meta = {'classes': PAN_SEG_MODEL_CLASSES,
                           'palette': palette(PAN_SEG_MODEL_CLASSES)}
    for stem in ('a', 'b'):
        metric.process({}, [model_output(osp.join(fixture_dir, 'pred', f'{stem}.png'),
                                         osp.join(image_dir, f'{stem}.jpg'))])
    return metric.evaluate(2)


def test_model_outputs_score_the_official_numbers(fixture_dir, tmp_path):
    metric = BDD100KPanSegMetric(ann_file=osp.join(fixture_dir, 'gt'))
    metrics = scored(metric, fixture_dir, str(tmp_path))
    reference = evaluate_files('pan_seg', osp.join(fixture_dir, 'gt'),
                               osp.join(fixture_dir, 'pred')).summary
    assert {name: metrics[f'bdd100k/{name}'] for name in OFFICIAL} == OFFICIAL
    assert metrics == {f'bdd100k/{name}': value for name, value in reference.items()}


def test_writes_scores_and_both_submission_formats(fixture_dir, tmp_path):
    image_dir = tmp_path / 'images'
    os.makedirs(image_dir)
    for stem in ('a', 'b'):
        Image.new('RGB', (1280, 720), (90, 90, 90)).save(image_dir / f'{stem}.jpg')
    out = tmp_path / 'out'
    metric = BDD100KPanSegMetric(ann_file=osp.join(fixture_dir, 'gt'), output_dir=str(out))
    metrics = scored(metric, fixture_dir, str(image_dir))

    with open(out / 'scores.json') as f:
        scores = json.load(f)
    assert scores['task'] == 'pan_seg' and scores['summary']['PQ'] == OFFICIAL['PQ']
    with open(out / 'preds.json') as f:
        preds = json.load(f)
    assert [frame['name'] for frame in preds] == ['a.jpg', 'b.jpg']
    assert {label['category'] for label in preds[0]['labels']} >= {'car', 'bus', 'road', 'sky'}
    with zipfile.ZipFile(out / 'visuals.zip') as zf:
        assert sorted(zf.namelist()) == ['a.jpg', 'b.jpg']
    with zipfile.ZipFile(out / 'bitmasks.zip') as zf:
        assert sorted(zf.namelist()) == ['bitmasks/a.png', 'bitmasks/b.png']
        zf.extractall(tmp_path / 'submission')
    for stem in ('a', 'b'):  # the official prediction bitmasks, pixel for pixel
        assert np.array_equal(read_png(str(tmp_path / 'submission' / 'bitmasks' / f'{stem}.png')),
                              read_png(osp.join(fixture_dir, 'pred', f'{stem}.png')))
    for submission in (out / 'preds.json', out / 'bitmasks.zip'):
        rescored = evaluate_files('pan_seg', osp.join(fixture_dir, 'gt'), str(submission))
        assert rescored.summary['PQ'] == metrics['bdd100k/PQ']


def test_an_rle_label_file_is_used_as_it_is(fixture_dir, tmp_path):
    metric = BDD100KPanSegMetric(ann_file=osp.join(fixture_dir, 'gt'))
    converted = metric.label_file()
    assert converted.endswith('.json') and metric.label_file() == converted  # converted once
    with open(converted) as f:
        assert sorted(frame['name'] for frame in json.load(f)) == ['a.jpg', 'b.jpg']
    assert BDD100KPanSegMetric(ann_file=converted).label_file() == converted
    assert scored(BDD100KPanSegMetric(ann_file=converted), fixture_dir,
                  str(tmp_path))['bdd100k/PQ'] == OFFICIAL['PQ']
