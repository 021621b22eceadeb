"""BDD100KLaneMetric gives the official numbers on the bdd100k toolkit's lane masks (what
``bdd100k-zoo eval -t lane_mark`` gives on the same files) and writes a submission that scores the
same when read back."""
import io
import json
import os
import os.path as osp
import shutil
import zipfile

import numpy as np
import pytest
import torch
from mmengine.structures import PixelData
from mmseg.registry import METRICS
from mmseg.structures import SegDataSample
from PIL import Image

from bdd100k_zoo.evaluation import evaluate, evaluate_files
from bdd100k_zoo.labels import LabelError

#: bdd100k-eval lane gts/ res/, ../shared/fixtures/EXPECTED.md.
OFFICIAL = {'F1_pix1': 87.57008634, 'F1_pix2': 92.22807981, 'F1_pix5': 100.0}


@pytest.fixture
def lane_dirs(data_dir):
    return (osp.join(data_dir, 'bdd100k-eval/lane/gts'),
            osp.join(data_dir, 'bdd100k-eval/lane/res'))


def samples(gt_dir, pred_dir, attributes=None):
    """Data samples as mmseg's test loop hands them to a metric: packed, then ``to_dict()``;
    ``attributes``: ``{mask file: frame attributes}``."""
    for name in sorted(os.listdir(gt_dir)):
        sample = SegDataSample(metainfo={'name': name.replace('.png', '.jpg'),
                                         'seg_map_path': osp.join(gt_dir, name),
                                         'attributes': (attributes or {}).get(name, {})})
        for key, folder in (('gt_lane_map', gt_dir), ('pred_lane_map', pred_dir)):
            mask = np.array(Image.open(osp.join(folder, name)))
            setattr(sample, key, PixelData(data=torch.from_numpy(mask[None]).long()))
        yield sample.to_dict()


def run_metric(gt_dir, pred_dir, attributes=None, **kwargs):
    metric = METRICS.build(dict(type='BDD100KLaneMetric', **kwargs))
    metric.dataset_meta = {}
    count = 0
    for sample in samples(gt_dir, pred_dir, attributes):
        metric.process({}, [sample])
        count += 1
    return metric.evaluate(count)


def test_metric_gives_the_official_scores_and_a_submission(lane_dirs, tmp_path):
    metrics = run_metric(*lane_dirs, output_dir=str(tmp_path))
    for name, value in OFFICIAL.items():
        assert metrics[f'bdd100k/{name}'] == pytest.approx(value, abs=5e-9)
    reference = evaluate_files('lane_mark', *lane_dirs)
    assert metrics == {f'bdd100k/{name}': value for name, value in reference.summary.items()}
    assert json.loads((tmp_path / 'scores.json').read_text()) == reference.to_dict()
    with zipfile.ZipFile(tmp_path / 'masks.zip') as zf:
        assert sorted(zf.namelist()) == sorted(os.listdir(lane_dirs[1]))
        for member in zf.namelist():
            written = np.array(Image.open(io.BytesIO(zf.read(member))))
            assert np.array_equal(written, np.array(Image.open(osp.join(lane_dirs[1], member))))
    # the ground truth as a prediction scores 100; its preds.json is the ground truth as JSON
    perfect = run_metric(lane_dirs[0], lane_dirs[0], output_dir=str(tmp_path / 'gt'))
    assert all(value == 100 for value in perfect.values())
    gt = json.loads((tmp_path / 'gt' / 'preds.json').read_text())
    preds = json.loads((tmp_path / 'preds.json').read_text())
    assert evaluate('lane_mark', gt, preds).summary == reference.summary


def test_scores_sliced_by_frame_attributes(lane_dirs, tmp_path):
    names = sorted(os.listdir(lane_dirs[0]))
    weather = dict(zip(names, ('rainy', 'clear', 'rainy', 'clear')))
    metrics = run_metric(*lane_dirs, attributes={name: {'weather': value}
                                                 for name, value in weather.items()},
                         slice_by=('weather',))
    for value in ('rainy', 'clear'):
        subset = [tmp_path / value / kind for kind in ('gts', 'res')]
        for folder, source in zip(subset, lane_dirs):
            folder.mkdir(parents=True)
            for name in names:
                if weather[name] == value:
                    shutil.copy(osp.join(source, name), folder / name)
        official = evaluate_files('lane_mark', *map(str, subset))
        for name, number in official.summary.items():
            assert metrics[f'bdd100k/weather/{value}/{name}'] == number
    assert metrics['bdd100k/F1_pix1'] == pytest.approx(OFFICIAL['F1_pix1'], abs=5e-9)


def test_format_only_writes_the_submission_without_ground_truth(lane_dirs, tmp_path):
    metric = METRICS.build(dict(type='BDD100KLaneMetric', output_dir=str(tmp_path),
                                format_only=True))
    metric.dataset_meta = {}
    for sample in samples(*lane_dirs):
        del sample['gt_lane_map']
        metric.process({}, [sample])
    assert metric.evaluate(4) == {}
    assert len(json.loads((tmp_path / 'preds.json').read_text())) == 4
    assert not (tmp_path / 'scores.json').exists()


def test_a_prediction_of_the_wrong_size_is_named(lane_dirs):
    metric = METRICS.build(dict(type='BDD100KLaneMetric'))
    sample = next(samples(*lane_dirs))
    sample['pred_lane_map']['data'] = sample['pred_lane_map']['data'][:, :360, :640]
    with pytest.raises(LabelError, match='fe189115-9981a740.jpg: prediction: prediction mask has '
                                        'size'):
        metric.process({}, [sample])
