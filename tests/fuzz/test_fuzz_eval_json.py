"""Damaged Scalabel frames of every task: scores, or an error naming the file (and frame).

Each task starts from a few real frames of the official test fixtures and their predictions; one
side (or both) is mutated field by field and, as files given to ``bdd100k-zoo eval``, possibly
damaged byte by byte. Frames given to :func:`~bdd100k_zoo.evaluation.evaluate` directly may also
hold what JSON files cannot (NaN, infinities).
"""
import copy
import json
import os
import os.path as osp
import tempfile
from typing import Dict, List, Tuple

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bdd100k_zoo.evaluation import evaluate
from bdd100k_zoo.evaluation.bitmasks import bitmask_frame
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import TRACK_CLASSES
from bdd100k_zoo.labels.masks import rle_encode

#: task: (ground-truth file, prediction file, how many ground-truth frames), in scalabel-eval.
SOURCES = {
    'det': ('box_track/track_sample_anns.json', 'det/bbox_predictions.json', 2),
    'ins_seg': ('ins_seg/ins_seg_rle_sample.json', 'ins_seg/ins_seg_preds.json', 1),
    'sem_seg': ('sem_seg/sem_seg_sample.json', 'sem_seg/sem_seg_preds.json', 1),
    'pan_seg': ('pan_seg/pan_seg_sample.json', 'pan_seg/pan_seg_preds.json', 1),
    'pose': ('pose/pose_sample.json', 'pose/pose_preds.json', 2),
    'tagging': ('tagging/tag_gts.json', 'tagging/tag_preds.json', 3),
    'lane_mark': ('boundary/boundary_gts.json', 'boundary/boundary_preds.json', 1),
}


def read(path: str) -> List[dict]:
    """The frames of a fixture file."""
    with open(path, encoding='utf-8') as f:
        content = json.load(f)
    return content['frames'] if isinstance(content, dict) else content


def fixture_pair(root: str, task: str) -> Tuple[List[dict], List[dict]]:
    """The first frames of a task's fixture and the predictions of those frames."""
    gt_file, pred_file, count = SOURCES[task]
    gt = read(osp.join(root, gt_file))[:count]
    names = {frame['name'] for frame in gt}
    return gt, [frame for frame in read(osp.join(root, pred_file)) if frame['name'] in names]


def track_pair(root: str) -> Tuple[List[dict], List[dict]]:
    """box_track: the first 3 frames of the fixture video, and predictions with integer ids."""
    gt = [frame for frame in read(osp.join(root, 'box_track/track_sample_anns.json'))
          if frame['frameIndex'] < 3]
    ids: Dict[str, int] = {}
    preds = [dict(frame, labels=[dict(label, id=ids.setdefault(label['id'], len(ids)),
                                      score=0.9) for label in frame['labels']])
             for frame in gt]
    return gt, preds


def drivable_pair() -> Tuple[List[dict], List[dict]]:
    """drivable: a frame of 72 x 128 blocky masks (ground truth and a shifted prediction)."""
    blocks = np.kron(np.array([[0, 1, 2], [2, 0, 1]], np.uint8), np.ones((36, 43), np.uint8))

    def frame(mask: np.ndarray) -> dict:
        return {'name': 'a.jpg', 'labels': [
            {'id': str(i), 'category': category, 'rle': rle_encode(mask == i)}
            for i, category in enumerate(('direct', 'alternative')) if (mask == i).any()]}
    return [frame(blocks)], [frame(np.roll(blocks, 5, axis=1))]


def seg_track_pair(root: str) -> Tuple[List[dict], List[dict]]:
    """seg_track: the bdd100k toolkit's MOTS bitmasks (one 10 x 10 frame) as RLE frames."""
    return tuple([bitmask_frame(TRACK_CLASSES, (osp.join(root, 'mots', side, 'vid', 'a.png'), {
        'name': 'a.png', 'videoName': 'vid', 'frameIndex': 0}))] for side in ('gt', 'result'))


@pytest.fixture(scope='module')
def seeds(data_dir: str) -> Dict[str, Tuple[List[dict], List[dict]]]:
    """Valid ground truth and predictions of each task."""
    root = osp.join(data_dir, 'scalabel-eval')
    pairs = {task: fixture_pair(root, task) for task in SOURCES}
    pairs.update(box_track=track_pair(root), drivable=drivable_pair(),
                 seg_track=seg_track_pair(osp.join(data_dir, 'bdd100k-eval')))
    return pairs


TASKS = sorted(list(SOURCES) + ['box_track', 'drivable', 'seg_track'])


@pytest.mark.parametrize('task', TASKS)
def test_the_seeds_are_scored(task, seeds, run_eval, tmp_path):
    gt, pred = (tmp_path / 'gt.json', tmp_path / 'pred.json')
    for path, frames in zip((gt, pred), seeds[task]):
        path.write_text(json.dumps(frames))
    (tmp_path / 'out').mkdir()
    code, err = run_eval(task, str(gt), str(pred), str(tmp_path / 'out'))
    assert code == 0, err


#: Examples per task (tracking runs motmetrics per class: about a second per scored example).
EXAMPLES = {'box_track': 5, 'seg_track': 5}


@pytest.mark.parametrize('task', TASKS)
def test_damaged_json_is_scored_or_named(task, seeds, run_eval, json_contents):
    gt_frames, pred_frames = seeds[task]

    @settings(max_examples=EXAMPLES.get(task, 20))
    @given(data=st.data())
    def check(data):
        side = data.draw(st.sampled_from(['gt', 'pred', 'pred', 'both']), label='damaged side')
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for name, frames in (('gt', gt_frames), ('pred', pred_frames)):
                content = (data.draw(json_contents(frames), label=name)
                           if side in (name, 'both') else json.dumps(frames).encode('utf-8'))
                paths.append(osp.join(folder, f'{name}.json'))
                with open(paths[-1], 'wb') as f:
                    f.write(content)
            os.mkdir(osp.join(folder, 'out'))
            run_eval(task, *paths, osp.join(folder, 'out'))
    check()


@pytest.mark.parametrize('task', TASKS)
def test_mutated_frames_are_scored_or_named(task, seeds, mutated):
    @settings(max_examples=EXAMPLES.get(task, 20))
    @given(data=st.data())
    def check(data):
        frames = list(seeds[task])
        side = data.draw(st.sampled_from([0, 1, 1]), label='mutated side (0: ground truth)')
        frames[side] = data.draw(mutated(frames[side]), label='frames')
        assume(isinstance(frames[side], list))
        try:
            evaluate(task, *frames, gt_file='gt.json', pred_file='pred.json')
        except LabelError as err:
            assert str(err).startswith(('gt.json: ', 'pred.json: ')), err
    check()


def first_label(frames: List[dict]) -> dict:
    """The first label of the first frame that has labels."""
    return next(frame['labels'][0] for frame in frames if frame.get('labels'))


#: Predictions the fuzzer found raising other exceptions: (task, damage, the error's words).
FOUND = [
    ('pose', lambda frames: first_label(frames)['graph']['nodes'][0].update(score='0.5'),
     'a graph node "score" must be a number'),
    ('pose', lambda frames: first_label(frames)['graph'].update(edges=[None]),
     '"edges" a list of objects'),
    ('pose', lambda frames: first_label(frames).update(rle={}), 'rle must have'),
    ('ins_seg', lambda frames: first_label(frames).update(box2d={'x1': '3'}),
     'box2d must have numeric'),
    ('tagging', lambda frames: frames[0].update(attributes=True),
     '"attributes" must be an object'),
    ('tagging', lambda frames: [frame.update(attributes={}) for frame in frames],
     'the predictions carry none of the tagging attributes'),
]


@pytest.mark.parametrize('task, damage, words', FOUND, ids=[words for _, _, words in FOUND])
def test_what_the_fuzzer_found_is_named(task, damage, words, seeds):
    gt, preds = copy.deepcopy(seeds[task])
    damage(preds)
    with pytest.raises(LabelError, match='^pred.json: ') as error:
        evaluate(task, gt, preds, pred_file='pred.json')
    assert words in str(error.value)
