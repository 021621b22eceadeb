"""Our configs are the official ones and our results are scalabel's own, entry by entry."""
import os.path as osp

import pytest
from scalabel.eval.detect import evaluate_det
from scalabel.eval.ins_seg import evaluate_ins_seg
from scalabel.eval.pan_seg import evaluate_pan_seg
from scalabel.eval.pose import evaluate_pose
from scalabel.eval.sem_seg import evaluate_sem_seg
from scalabel.eval.tagging import evaluate_tagging
from scalabel.label.io import load, load_label_config

from bdd100k_zoo.evaluation import evaluate
from bdd100k_zoo.evaluation.configs import scalabel_config
from bdd100k_zoo.evaluation.scores import from_result
from bdd100k_zoo.labels.categories import (DET_CLASSES, INS_SEG_CLASSES, PAN_SEG_CLASSES,
                                           SEM_SEG_CLASSES, TAGGING_ATTRIBUTES)

CONFIGS = [('det', 'det/det_configs.toml'), ('ins_seg', 'ins_seg/ins_seg_configs.toml'),
           ('pan_seg', 'pan_seg/pan_seg_configs.toml'), ('pose', 'pose/pose_configs.toml'),
           ('sem_seg', 'sem_seg/sem_seg_configs.toml')]


@pytest.mark.parametrize('task, toml', CONFIGS, ids=[c[0] for c in CONFIGS])
def test_configs_equal_the_official_tomls(scalabel_dir, task, toml):
    official = load_label_config(osp.join(scalabel_dir, toml))
    ours = scalabel_config(task)
    assert ours.categories == official.categories
    assert ours.imageSize == official.imageSize
    assert ours.poseSigmas == official.poseSigmas


def test_tagging_config_equals_the_official_toml(scalabel_dir):
    official = load_label_config(osp.join(scalabel_dir, 'tagging/tag_configs.toml'))
    assert scalabel_config('tagging', ('weather', 'scene')).categories == official.categories


CASES = [
    ('det', evaluate_det, DET_CLASSES, 'box_track/track_sample_anns.json',
     'det/bbox_predictions.json', 'det/det_configs.toml'),
    ('ins_seg', evaluate_ins_seg, INS_SEG_CLASSES, 'ins_seg/ins_seg_rle_sample.json',
     'ins_seg/ins_seg_preds.json', 'ins_seg/ins_seg_configs.toml'),
    ('sem_seg', evaluate_sem_seg, SEM_SEG_CLASSES, 'sem_seg/sem_seg_sample.json',
     'sem_seg/sem_seg_preds.json', 'sem_seg/sem_seg_configs.toml'),
    ('sem_seg', evaluate_sem_seg, SEM_SEG_CLASSES, 'sem_seg/sem_seg_sample.json',
     'sem_seg/sem_seg_preds_empty.json', 'sem_seg/sem_seg_configs.toml'),
    ('pan_seg', evaluate_pan_seg, PAN_SEG_CLASSES, 'pan_seg/pan_seg_sample_2.json',
     'pan_seg/pan_seg_preds.json', 'pan_seg/pan_seg_configs.toml'),
    ('pan_seg', evaluate_pan_seg, PAN_SEG_CLASSES, 'pan_seg/pan_seg_sample.json',
     'pan_seg/pan_seg_preds_empty.json', 'pan_seg/pan_seg_configs.toml'),
    ('pose', evaluate_pose, (), 'pose/pose_sample_2.json', 'pose/pose_preds.json',
     'pose/pose_configs.toml'),
    ('pose', evaluate_pose, (), 'pose/pose_sample.json', 'pose/pose_preds_empty.json',
     'pose/pose_configs.toml'),
]


@pytest.mark.filterwarnings('ignore:invalid value encountered:RuntimeWarning')  # scalabel's
@pytest.mark.parametrize('task, official, classes, gt, pred, toml', CASES,
                         ids=[f'{c[0]}-{osp.basename(c[4])}' for c in CASES])
def test_results_equal_scalabel(scalabel_dir, frames_of, task, official, classes, gt, pred,
                                toml):
    path = lambda name: osp.join(scalabel_dir, name)  # noqa: E731
    expected = from_result(task, official(load(path(gt)).frames, load(path(pred)).frames,
                                          load_label_config(path(toml)), nproc=1), classes)
    ours = evaluate(task, frames_of(gt), frames_of(pred)).to_dict()
    expected = expected.to_dict()
    assert ours['summary'] == expected['summary']
    assert ours['per_class'] == expected['per_class']


def test_tagging_equals_scalabel(scalabel_dir, frames_of):
    path = lambda name: osp.join(scalabel_dir, name)  # noqa: E731
    classes = [f'{a}.{v}' for a in ('weather', 'scene') for v in TAGGING_ATTRIBUTES[a]]
    expected = from_result('tagging', evaluate_tagging(
        load(path('tagging/tag_gts.json')).frames, load(path('tagging/tag_preds.json')).frames,
        load_label_config(path('tagging/tag_configs.toml'))), classes)
    ours = evaluate('tagging', frames_of('tagging/tag_gts.json'),
                    frames_of('tagging/tag_preds.json'), attributes=['weather', 'scene'])
    assert ours.summary == expected.summary
    per_value = {name: {metric: value for metric, value in row.items() if metric != 'accuracy'}
                 for name, row in expected.to_dict()['per_class'].items()}  # accuracy: all NaN
    assert ours.to_dict()['per_class'] == per_value
