"""Every official fixture reproduces the numbers of ../shared/fixtures/EXPECTED.md through our code.

Expected values are written as printed there; each is asserted to its printed precision, through
``evaluate_files`` (paths) and ``evaluate`` (frames). The bitmask ins_seg numbers are the ones the
bdd100k toolkit's own test (bdd100k/eval/ins_seg_test.py) asserts on the same files.
"""
import math
import os.path as osp
from typing import Dict

import pytest
from scalabel.eval.ins_seg import evaluate_ins_seg
from scalabel.label.io import load, load_label_config

from bdd100k_zoo.evaluation import evaluate, evaluate_files
from bdd100k_zoo.labels.categories import DET_CLASSES
from bdd100k_zoo.labels.frames import read_frames


def printed(text: str):
    """``text`` as a number, compared to the precision it is printed with."""
    if text == 'nan':
        return pytest.approx(math.nan, nan_ok=True)
    decimals = len(text.split('.')[1]) if '.' in text else 0
    return pytest.approx(float(text), abs=0.5 * 10 ** -decimals, rel=0)


def check(values: Dict[str, float], expected: Dict[str, str]) -> None:
    """Every expected entry matches (to its printed precision)."""
    for name, text in expected.items():
        assert values[name] == printed(text), name


DET = {'AP': '34.029392668401016', 'AP50': '55.323900409039695', 'AP75': '34.93873359997877',
       'APs': '20.91624813537171', 'APm': '48.4364652499885', 'APl': '64.28530466767323',
       'AR1': '23.877338403079264', 'AR10': '38.050036781867405', 'AR100': '40.95160450224777',
       'ARs': '25.5530493279957', 'ARm': '58.38594871794871', 'ARl': '66.04261954261955'}
DET_CLASS_AP = {'pedestrian': '41.37670388', 'rider': '41.70985554', 'car': '66.14185519',
                'truck': '50.07078219', 'bus': '0.30253025', 'motorcycle': '4.57462895',
                'train': 'nan', 'bicycle': 'nan', 'traffic light': 'nan', 'traffic sign': 'nan'}
INS_SEG = {'AP': '48.77227722772277', 'AP50': '86.73267326732673', 'AP75': '36.83168316831682',
           'APs': '0.0', 'APm': '53.399339933993396', 'APl': '50.247524752475236',
           'AR1': '44.667', 'AR10': '48.667', 'AR100': '48.667', 'ARm': '53.333', 'ARl': '50.0'}
INS_SEG_CLASS_AP = {'pedestrian': '60.198', 'rider': '50.0', 'car': '33.663', 'truck': '70.0',
                    'bicycle': '30.0'}
SEM_SEG = {'mIoU': '77.69367702513847', 'mAcc': '85.08073850792114', 'fIoU': '95.96580841723501',
           'pAcc': '97.59265266143856'}
PAN_SEG = {'PQ': '26.671487325762055', 'PQ/STUFF': '32.04431646856032',
           'PQ/THING': '5.180170754569009', 'SQ': '30.815623929417264', 'RQ': '34.666666666666664'}
POSE = {'AP': '14.059405940594061', 'AP50': '25.247524752475247', 'AP75': '12.871287128712872',
        'AR': '27.500000000000004', 'AR50': '50.0', 'AR75': '25.0'}
POSE_2 = {'AP': '6.228194247996228', 'AP50': '16.124469589816123', 'AR': '16.25'}
TAGGING = {'precision': '83.33333333333333', 'recall': '80.55555555555556',
           'f1_score': '81.66666666666666', 'accuracy': '90.0', 'precision/WEATHER': '66.67',
           'recall/WEATHER': '61.11', 'f1_score/WEATHER': '63.33', 'accuracy/WEATHER': '80.0',
           'precision/SCENE': '100', 'recall/SCENE': '100', 'f1_score/SCENE': '100',
           'accuracy/SCENE': '100'}
SEG_BITMASK = {'mIoU': '61.73469387755102', 'mAcc': '81.27147766323024',
               'fIoU': '90.91836734693878', 'pAcc': '95.0'}
SEG_BITMASK_PLUS = {'mIoU': '31.911057692307693', 'pAcc': '47.5', 'mAcc': '81.27147766323024'}
MOTS = {'MOTA': '66.667', 'MOTP': '75.0', 'IDF1': '80.0', 'FN': '1', 'MT': '2', 'ML': '1',
        'mMOTA': '8.3333', 'mMOTP': '9.375', 'mIDF1': '10.0'}
PAN_SEG_BITMASK = {'PQ': '66.46278879162743', 'PQ/STUFF': '64.38602380902118',
                   'PQ/THING': '82.03852616117427', 'SQ': '68.35183709387516',
                   'RQ': '85.29411764705883'}
INS_SEG_BITMASK = {'AP': '68.60561056105611', 'AP50': '89.68646864686468',
                   'AP75': '66.66666666666666', 'APs': '68.60561056105611', 'APm': 'nan',
                   'AR1': '65.83333333333333', 'AR10': '70.83333333333334',
                   'ARs': '70.83333333333334'}
INS_SEG_BITMASK_CLASS_AP = {'pedestrian': '99.99999999999997', 'rider': '89.99999999999999',
                            'car': '15.816831683168317', 'truck': 'nan'}

#: (task, ground truth, predictions, options, expected summary) of scalabel-eval (JSON inputs).
SCALABEL_CASES = [
    ('det', 'box_track/track_sample_anns.json', 'det/bbox_predictions.json', {}, DET),
    ('ins_seg', 'ins_seg/ins_seg_rle_sample.json', 'ins_seg/ins_seg_preds.json', {}, INS_SEG),
    ('sem_seg', 'sem_seg/sem_seg_sample.json', 'sem_seg/sem_seg_preds.json', {}, SEM_SEG),
    ('pan_seg', 'pan_seg/pan_seg_sample.json', 'pan_seg/pan_seg_preds.json', {}, PAN_SEG),
    ('pan_seg', 'pan_seg/pan_seg_sample_2.json', 'pan_seg/pan_seg_preds.json', {},
     {'PQ': '17.780991550508038'}),
    ('pose', 'pose/pose_sample.json', 'pose/pose_preds.json', {}, POSE),
    ('pose', 'pose/pose_sample_2.json', 'pose/pose_preds.json', {}, POSE_2),
    # the fixture's config scores weather and scene only (its frames also carry timeofday)
    ('tagging', 'tagging/tag_gts.json', 'tagging/tag_preds.json',
     {'attributes': ('weather', 'scene')}, TAGGING),
]
#: The same for bdd100k-eval (mask and bitmask PNG inputs).
BITMASK_CASES = [
    ('sem_seg', 'seg/gt', 'seg/pred', {}, SEG_BITMASK),
    ('sem_seg', 'seg/gt+', 'seg/pred', {}, SEG_BITMASK_PLUS),
    ('seg_track', 'mots/gt', 'mots/result', {}, MOTS),
    ('pan_seg', 'pan_seg/gt', 'pan_seg/pred', {}, PAN_SEG_BITMASK),
    ('pan_seg', 'pan_seg/gt+', 'pan_seg/pred', {}, {'PQ': '49.385236103572474'}),
    ('ins_seg', 'ins_seg/gt', 'ins_seg/pred', {'score_file': 'ins_seg/pred.json'},
     INS_SEG_BITMASK),
]


@pytest.mark.parametrize('task, gt, pred, options, expected', SCALABEL_CASES,
                         ids=[f'{c[0]}-{osp.basename(c[1])}' for c in SCALABEL_CASES])
def test_scalabel_fixtures_from_files(scalabel_dir, task, gt, pred, options, expected):
    scores = evaluate_files(task, osp.join(scalabel_dir, gt), osp.join(scalabel_dir, pred),
                            **options)
    check(scores.summary, expected)


@pytest.mark.parametrize('task, gt, pred, options, expected', SCALABEL_CASES,
                         ids=[f'{c[0]}-{osp.basename(c[1])}' for c in SCALABEL_CASES])
def test_scalabel_fixtures_from_frames(frames_of, task, gt, pred, options, expected):
    check(evaluate(task, frames_of(gt), frames_of(pred), **options).summary, expected)


@pytest.mark.parametrize('task, gt, pred, options, expected', BITMASK_CASES,
                         ids=[f'{c[0]}-{c[1]}' for c in BITMASK_CASES])
def test_bdd100k_fixtures_from_files(bdd_dir, task, gt, pred, options, expected):
    options = {name: osp.join(bdd_dir, value) for name, value in options.items()}
    scores = evaluate_files(task, osp.join(bdd_dir, gt), osp.join(bdd_dir, pred), **options)
    check(scores.summary, expected)


def test_det_per_class_ap(frames_of):
    scores = evaluate('det', frames_of('box_track/track_sample_anns.json'),
                      frames_of('det/bbox_predictions.json'))
    check({name: row['AP'] for name, row in scores.per_class.items()}, DET_CLASS_AP)
    assert tuple(scores.per_class) == DET_CLASSES


def test_ins_seg_per_class_ap(frames_of, bdd_dir):
    scores = evaluate('ins_seg', frames_of('ins_seg/ins_seg_rle_sample.json'),
                      frames_of('ins_seg/ins_seg_preds.json'))
    check({name: row['AP'] for name, row in scores.per_class.items()}, INS_SEG_CLASS_AP)
    bitmasks = evaluate_files('ins_seg', osp.join(bdd_dir, 'ins_seg/gt'),
                              osp.join(bdd_dir, 'ins_seg/pred'),
                              score_file=osp.join(bdd_dir, 'ins_seg/pred.json'))
    check({name: row['AP'] for name, row in bitmasks.per_class.items()},
          INS_SEG_BITMASK_CLASS_AP)


@pytest.mark.parametrize('task, gt, pred, present', [
    ('det', 'box_track/track_sample_anns.json', 'det/bbox_predictions_empty.json',
     ['pedestrian', 'rider', 'car', 'truck', 'bus', 'motorcycle']),
    ('ins_seg', 'ins_seg/ins_seg_rle_sample.json', 'ins_seg/ins_seg_preds_empty.json',
     ['pedestrian', 'rider', 'car', 'truck', 'bicycle'])])
def test_empty_predictions_score_zero(frames_of, task, gt, pred, present):
    scores = evaluate(task, frames_of(gt), frames_of(pred))
    assert all(value == 0 for value in scores.summary.values())
    for name, row in scores.per_class.items():
        expected = 0.0 if name in present else pytest.approx(math.nan, nan_ok=True)
        assert row['AP'] == expected, name


def test_the_same_files_give_the_same_scores_as_frames(scalabel_dir):
    """evaluate_files and evaluate agree entry by entry (they share every step after reading)."""
    gt, pred = (osp.join(scalabel_dir, name) for name in
                ('pan_seg/pan_seg_sample.json', 'pan_seg/pan_seg_preds.json'))
    from_files = evaluate_files('pan_seg', gt, pred).to_dict()
    assert from_files == evaluate('pan_seg', read_frames(gt), read_frames(pred)).to_dict()


@pytest.mark.parametrize('case', [0, 1, 3, 6], ids=['det', 'ins_seg', 'pan_seg', 'pose'])
def test_nproc_2_gives_the_same_scores(frames_of, case):
    task, gt, pred, options, _ = SCALABEL_CASES[case]
    one = evaluate(task, frames_of(gt), frames_of(pred), **options).to_dict()
    assert evaluate(task, frames_of(gt), frames_of(pred), nproc=2, **options).to_dict() == one


def test_scalabel_mask_tasks_crash_with_several_processes(scalabel_dir):
    """The scalabel 0.3.1 defect our own orchestration avoids (see evaluation/overlap.py)."""
    path = lambda name: osp.join(scalabel_dir, name)  # noqa: E731
    with pytest.raises(TypeError, match='image_size'):
        evaluate_ins_seg(load(path('ins_seg/ins_seg_rle_sample.json')).frames,
                         load(path('ins_seg/ins_seg_preds.json')).frames,
                         load_label_config(path('ins_seg/ins_seg_configs.toml')), nproc=2)


def test_tagging_overall_is_the_official_one_with_time_of_day_beside(scalabel_dir):
    """The fixture's frames carry time of day too: scored by default, it keeps its own keys and
    the overall numbers stay the official toolkit's (weather and scene, EXPECTED.md)."""
    scores = evaluate_files('tagging', osp.join(scalabel_dir, 'tagging/tag_gts.json'),
                            osp.join(scalabel_dir, 'tagging/tag_preds.json'))
    check(scores.summary, {key: TAGGING[key]
                           for key in ('precision', 'recall', 'f1_score', 'accuracy')})
    assert {'precision/TIMEOFDAY', 'accuracy/TIMEOFDAY'} <= set(scores.summary)
