"""The BDD100K paper's cross-domain test table (Table 4) from one evaluation: the det metric's
``slice_by=('scene=city street', 'timeofday=daytime')`` gives the AP on City / Non-City /
Daytime / Non-Daytime, each equal to scalabel's official ``evaluate_det`` run on that domain's
ground truth and predictions alone (scalabel's own file loader and the fixture's config)."""
import json
import os.path as osp

import pytest
import torch
from scalabel.eval.detect import evaluate_det
from scalabel.label.io import load, load_label_config

from .detections import build_metric, samples_of

GT = 'scalabel-eval/box_track/track_sample_anns.json'
PREDS = 'scalabel-eval/det/bbox_predictions.json'
TAGS = 'scalabel-eval/tagging/tag_gts.json'
CONFIG = 'scalabel-eval/det/det_configs.toml'
#: (slice_by entry, slice, the frames it holds)
DOMAINS = (
    ('scene=city street', 'city street', lambda a: a['scene'] == 'city street'),
    ('scene=city street', 'not city street', lambda a: a['scene'] != 'city street'),
    ('timeofday=daytime', 'daytime', lambda a: a['timeofday'] == 'daytime'),
    ('timeofday=daytime', 'not daytime', lambda a: a['timeofday'] != 'daytime'))


def read(path):
    with open(path) as f:
        content = json.load(f)
    return content['frames'] if isinstance(content, dict) else content


def official(tmp_path, name, gt, preds, config):
    """scalabel's ``evaluate_det`` summary of frames written to files and loaded by scalabel."""
    for kind, frames in (('gt', gt), ('preds', preds)):
        (tmp_path / f'{name}_{kind}.json').write_text(json.dumps(frames))
    result = evaluate_det(load(str(tmp_path / f'{name}_gt.json')).frames,
                          load(str(tmp_path / f'{name}_preds.json')).frames, config, nproc=1)
    return {key: value for key, value in result.summary().items() if '/' not in key}


def same(mine, theirs):
    return mine == theirs or (mine != mine and theirs != theirs)  # NaN where theirs is NaN


@pytest.mark.slow
def test_table_4_domains_in_one_run_equal_official_per_domain_evaluations(data_dir, tmp_path):
    # the real video's frames, tagged in turn with the attributes of the real tagging fixture
    tags = [frame['attributes'] for frame in read(osp.join(data_dir, TAGS))]
    gt = read(osp.join(data_dir, GT))
    for index, frame in enumerate(gt):
        frame['attributes'] = tags[index % len(tags)]
    (tmp_path / 'gt.json').write_text(json.dumps(gt))
    metric = build_metric(str(tmp_path / 'gt.json'), slice_by=[d[0] for d in DOMAINS[::2]],
                          output_dir=str(tmp_path / 'out'), max_visuals=0)
    preds = read(osp.join(data_dir, PREDS))
    metric.process({}, samples_of(preds, torch.float64))
    metrics = metric.evaluate(len(preds))

    written = read(tmp_path / 'out' / 'preds.json')  # the submission the metric scored
    config = load_label_config(osp.join(data_dir, CONFIG))
    whole = official(tmp_path, 'all', gt, written, config)
    assert whole['AP'] == pytest.approx(34.029392668401016, abs=1e-9)  # EXPECTED.md
    assert all(same(metrics[f'bdd100k/{key}'], value) for key, value in whole.items())
    for entry, name, inside in DOMAINS:
        domain = [frame for frame in gt if inside(frame['attributes'])]
        kept = {frame['name'] for frame in domain}
        assert 0 < len(domain) < len(gt)
        expected = official(tmp_path, name, domain,
                            [frame for frame in written if frame['name'] in kept], config)
        for key, value in expected.items():
            assert same(metrics[f'bdd100k/{entry}/{name}/{key}'], value), (entry, name, key)
    scores = json.loads((tmp_path / 'out' / 'scores.json').read_text())
    assert list(scores['slices']) == ['scene=city street', 'timeofday=daytime']
    assert list(scores['slices']['timeofday=daytime']) == ['daytime', 'not daytime']
