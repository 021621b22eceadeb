"""MOT/MOTS: our per-video pool gives scalabel's numbers whatever nproc; video checks."""
import copy
import logging
import os.path as osp
import random
from typing import List, Tuple

import numpy as np
import pytest
from scalabel.eval.mot import acc_single_video_mot, evaluate_track
from scalabel.eval.mots import acc_single_video_mots, evaluate_seg_track
from scalabel.label.io import group_and_sort
from scalabel.label.typing import Frame

from bdd100k_zoo.evaluation import evaluate, evaluate_files
from bdd100k_zoo.evaluation.configs import scalabel_config
from bdd100k_zoo.evaluation.scores import from_result
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import TRACK_CLASSES
from bdd100k_zoo.labels.masks import instance_rles


def split_videos(frames: List[dict], videos: int, frames_per_video: int) -> List[dict]:
    """The first ``videos * frames_per_video`` frames of the sample video, as several videos."""
    out = []
    for frame in frames[:videos * frames_per_video]:
        video, index = divmod(frame['frameIndex'], frames_per_video)
        out.append(dict(copy.deepcopy(frame), videoName=f'{frame["videoName"]}-{video}',
                        frameIndex=index))
    return out


def track_predictions(gt: List[dict], seed: int = 0) -> List[dict]:
    """Predictions from the ground truth: boxes jittered, some missed, some ids switched, some
    false positives, integer track ids."""
    rng, ids, preds = random.Random(seed), {}, []
    for frame in gt:
        labels = []
        for label in frame.get('labels') or ():
            if rng.random() < 0.15:
                continue
            box, shift = label['box2d'], rng.uniform(-6, 6)
            track = ids.setdefault((frame['videoName'], label['id']), len(ids) + 1)
            labels.append({'id': str(track + (1000 if rng.random() < 0.03 else 0)),
                           'category': label['category'], 'score': rng.random(),
                           'box2d': {'x1': box['x1'] + shift, 'y1': box['y1'] + shift,
                                     'x2': box['x2'] + shift, 'y2': box['y2']}})
        if rng.random() < 0.1:
            labels.append({'id': '9999', 'category': 'car', 'score': 0.5,
                           'box2d': {'x1': 10, 'y1': 10, 'x2': 60, 'y2': 50}})
        preds.append({key: frame[key] for key in ('name', 'videoName', 'frameIndex')} |
                     {'labels': labels})
    return preds


def boxes_to_masks(frames: List[dict], scale: int = 4) -> List[dict]:
    """Each box as a rectangle mask (at 1/scale; later labels on top, so no overlap)."""
    out = []
    for frame in frames:
        instances = np.zeros((720 // scale, 1280 // scale), dtype=np.int32)
        labels = frame.get('labels') or []
        for number, label in enumerate(labels, start=1):
            box = {k: int(v) // scale for k, v in label['box2d'].items()}
            instances[max(box['y1'], 0):box['y2'] + 1, max(box['x1'], 0):box['x2'] + 1] = number
        rles = instance_rles(instances)
        kept = [dict({k: v for k, v in label.items() if k != 'box2d'}, rle=rles[number])
                for number, label in enumerate(labels, start=1) if number in rles]
        out.append(dict(frame, labels=kept))
    return out


@pytest.fixture(scope='module')
def mot_input(frames_of) -> Tuple[List[dict], List[dict]]:
    gt = split_videos(frames_of('box_track/track_sample_anns.json'), 3, 20)
    return gt, track_predictions(gt)


@pytest.fixture(scope='module')
def mots_input(mot_input) -> Tuple[List[dict], List[dict]]:
    gt, preds = mot_input
    keep = [i for i, frame in enumerate(gt) if frame['frameIndex'] < 10]
    return (boxes_to_masks([gt[i] for i in keep]), boxes_to_masks([preds[i] for i in keep]))


def scalabel_frames(frames: List[dict]) -> List[List[Frame]]:
    return group_and_sort([Frame(**frame) for frame in frames])


def test_mot_nproc_2_equals_nproc_1_and_scalabel(mot_input):
    gt, preds = mot_input
    one = evaluate('box_track', gt, preds, nproc=1).to_dict()
    assert evaluate('box_track', gt, preds, nproc=2).to_dict() == one
    official = evaluate_track(acc_single_video_mot, scalabel_frames(gt), scalabel_frames(preds),
                              scalabel_config('box_track'), nproc=1)
    assert from_result('box_track', official, TRACK_CLASSES).to_dict() == one
    assert one['extra']['super_categories'].keys() == {'human', 'vehicle', 'bike'}


def test_mot_iou_threshold_holds_in_every_process_count(mot_input):
    """scalabel 0.3.1 with nproc > 1 scores at IoU 0.5 whatever iou_thr says; we do not."""
    gt, preds = mot_input
    official = evaluate_track(acc_single_video_mot, scalabel_frames(gt), scalabel_frames(preds),
                              scalabel_config('box_track'), iou_thr=0.7, nproc=1)
    ours = evaluate('box_track', gt, preds, nproc=2, iou_thr=0.7)
    assert ours.summary == official.summary()
    assert ours.summary['mMOTA'] != evaluate('box_track', gt, preds).summary['mMOTA']


def test_mots_nproc_2_equals_nproc_1_and_scalabel(mots_input):
    gt, preds = mots_input
    one = evaluate('seg_track', gt, preds, nproc=1).to_dict()
    assert evaluate('seg_track', gt, preds, nproc=2).to_dict() == one
    official = evaluate_seg_track(acc_single_video_mots, scalabel_frames(gt),
                                  scalabel_frames(preds), scalabel_config('seg_track'), nproc=1)
    assert from_result('seg_track', official, TRACK_CLASSES).to_dict() == one


def test_mots_fixture_nproc_2_equals_nproc_1(bdd_dir):
    args = ('seg_track', osp.join(bdd_dir, 'mots/gt'), osp.join(bdd_dir, 'mots/result'))
    assert evaluate_files(*args, nproc=2).to_dict() == evaluate_files(*args).to_dict()


def test_overlapping_prediction_masks_drop_the_frame(mots_input, caplog):
    gt, preds = mots_input
    preds = copy.deepcopy(preds)
    frame = next(f for f in preds if len(f['labels']) > 1)
    frame['labels'][1]['rle'] = frame['labels'][0]['rle']
    emptied = copy.deepcopy(preds)
    next(f for f in emptied if f['name'] == frame['name'])['labels'] = []
    with caplog.at_level(logging.WARNING):
        scores = evaluate('seg_track', gt, preds)
    assert 'overlap' in caplog.text
    assert scores.to_dict() == evaluate('seg_track', gt, emptied).to_dict()


def test_missing_video_is_scored_empty_with_a_warning(mot_input, caplog):
    gt, preds = mot_input
    partial = [frame for frame in preds if not frame['videoName'].endswith('-1')]
    with caplog.at_level(logging.WARNING):
        scores = evaluate('box_track', gt, partial)
    assert '1 of 3 ground-truth videos have no prediction' in caplog.text
    official = evaluate_track(acc_single_video_mot, scalabel_frames(gt),
                              scalabel_frames(partial), scalabel_config('box_track'), nproc=1)
    assert scores.summary == official.summary()


def test_missing_frames_in_a_video_are_scored_empty(mot_input, caplog):
    gt, preds = mot_input
    dropped = preds[3]
    with caplog.at_level(logging.WARNING):
        scores = evaluate('box_track', gt, [frame for frame in preds if frame is not dropped])
    assert f'1 of {len(gt)} ground-truth frames have no prediction' in caplog.text
    emptied = [dict(frame, labels=[]) if frame is dropped else frame for frame in preds]
    assert scores.to_dict() == evaluate('box_track', gt, emptied).to_dict()


def video(frames: int = 3, name: str = 'v') -> List[dict]:
    return [{'name': f'{name}-{i}.jpg', 'videoName': name, 'frameIndex': i, 'labels': [
        {'id': '1', 'category': 'car', 'box2d': {'x1': 0, 'y1': 0, 'x2': 9, 'y2': 9}}]}
        for i in range(frames)]


@pytest.mark.parametrize('change, side, message', [
    (lambda f: f[1].update(frameIndex=0), 'gt', "duplicated frame index in video 'v'"),
    (lambda f: f[1].update(frameIndex=0), 'pred', "duplicated frame index in video 'v'"),
    (lambda f: f.pop(1), 'gt', "video 'v' misses frame indices 1"),
    (lambda f: f[2].pop('frameIndex'), 'gt', 'needs an integer "frameIndex"'),
    (lambda f: f[2].pop('videoName'), 'pred', 'needs a "videoName"'),
    (lambda f: f[0]['labels'][0].update(id='a-1'), 'pred',
     "track id must be an integer, got 'a-1'"),
    (lambda f: f[0]['labels'][0].update(id=2.5), 'pred', 'track id must be an integer, got 2.5'),
    (lambda f: f[2].update(videoName='w'), 'pred', 'prediction for a video frame that is not in'),
    (lambda f: f[2].update(frameIndex=7), 'pred', 'prediction for a video frame that is not in'),
    (lambda f: f[0]['labels'][0].pop('id'), 'gt', 'ground-truth label needs an "id"'),
])
def test_bad_videos_raise_naming_the_frame(change, side, message):
    gt, preds = video(), video()
    change(gt if side == 'gt' else preds)
    with pytest.raises(LabelError, match=f'^{side}.json: .*frame') as err:
        evaluate('box_track', gt, preds, gt_file='gt.json', pred_file='pred.json')
    assert message in str(err.value)


def test_string_integer_ids_are_track_ids():
    preds = video()
    for frame in preds:
        frame['labels'][0]['id'] = 17
    scores = evaluate('box_track', video(), preds)
    assert scores.summary['MOTA'] == 100
