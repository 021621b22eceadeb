"""``bdd100k-zoo eval``: the table, the scores file, and one-line errors with exit code 2."""
import json
import os.path as osp

import numpy as np
import pytest
from PIL import Image

from bdd100k_zoo.cli import main
from bdd100k_zoo.evaluation import evaluate_files


def run(capsys, *args):
    code = main(['eval', '--quiet', *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_table_and_writes_the_scores(capsys, bdd_dir, tmp_path):
    gt, pred = osp.join(bdd_dir, 'mots/gt'), osp.join(bdd_dir, 'mots/result')
    out_file = tmp_path / 'out' / 'scores.json'
    code, out, err = run(capsys, '-t', 'seg_track', '-g', gt, '-r', pred, '--out',
                         str(out_file), '--nproc', '2')
    assert code == 0, err
    assert 'mMOTA' in out and 'pedestrian' in out and '[super_categories]' in out
    assert json.loads(out_file.read_text()) == evaluate_files('seg_track', gt, pred).to_dict()


def test_task_options(capsys, scalabel_dir, bdd_dir):
    code, out, _ = run(capsys, '-t', 'tagging',
                       '-g', osp.join(scalabel_dir, 'tagging/tag_gts.json'),
                       '-r', osp.join(scalabel_dir, 'tagging/tag_preds.json'),
                       '--attributes', 'weather', 'scene')
    assert code == 0 and 'accuracy/SCENE' in out and 'TIMEOFDAY' not in out
    code, out, _ = run(capsys, '-t', 'ins_seg', '-g', osp.join(bdd_dir, 'ins_seg/gt'),
                       '-r', osp.join(bdd_dir, 'ins_seg/pred'),
                       '--score-file', osp.join(bdd_dir, 'ins_seg/pred.json'))
    assert code == 0 and '68.61' in out


def test_warnings_are_one_line_each(capsys, tmp_path):
    box = {'x1': 0, 'y1': 0, 'x2': 9, 'y2': 9}
    gt = [{'name': n, 'labels': [{'id': '1', 'category': 'car', 'box2d': box}]}
          for n in ('a.jpg', 'b.jpg')]
    (tmp_path / 'gt.json').write_text(json.dumps(gt))
    (tmp_path / 'pred.json').write_text(json.dumps([dict(gt[0], labels=[
        dict(gt[0]['labels'][0], score=0.9)])]))
    code, out, err = run(capsys, '-t', 'det', '-g', str(tmp_path / 'gt.json'), '-r',
                         str(tmp_path / 'pred.json'))
    assert code == 0 and 'AP' in out
    assert 'warning: 1 of 2 ground-truth frames have no prediction' in err


def write(path, content) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, np.ndarray):
        Image.fromarray(content).save(path)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


BOX = {'x1': 0, 'y1': 0, 'x2': 9, 'y2': 9}


def track_frames(indices, ids=('1',) * 10, video='v'):
    return [{'name': f'{video}-{i}.jpg', 'videoName': video, 'frameIndex': i,
             'labels': [{'id': ids[i], 'category': 'car', 'box2d': BOX, 'score': 0.9}]}
            for i in indices]


BAD_INPUTS = {
    'malformed json': ('det', [{'name': 'a.jpg', 'labels': []}], '[{"name": "a.jpg"',
                       'pred.json: malformed JSON at line 1'),
    'unknown category': ('det', [{'name': 'a.jpg', 'labels': []}],
                         [{'name': 'a.jpg', 'labels': [{'id': '1', 'category': 'tram',
                                                       'box2d': BOX, 'score': 1}]}],
                         "pred.json: frame 'a.jpg', label id '1': unknown category 'tram'"),
    'mask size': ('sem_seg', np.zeros((4, 4), np.uint8), np.zeros((4, 5), np.uint8),
                  "pred/a.png: frame 'a.png': prediction mask has size (4, 5), ground truth "
                  "(4, 4)"),
    'illegal ids': ('sem_seg', np.zeros((4, 4), np.uint8), np.full((4, 4), 30, np.uint8),
                    "pred/a.png: frame 'a.png': prediction mask holds illegal class ids [30] "
                    "(expected 0..18 or 255)"),
    'duplicated index': ('box_track', track_frames([0, 1, 1]), track_frames([0, 1]),
                         "gt.json: frame 'v-1.jpg' (video 'v', frameIndex 1): duplicated "
                         "frame index"),
    'missing index': ('box_track', track_frames([0, 1, 3]), track_frames([0, 1]),
                      "gt.json: video 'v' misses frame indices 2"),
    'non-integer id': ('box_track', track_frames([0, 1]), track_frames([0, 1], ('1', 'x')),
                       "pred.json: frame 'v-1.jpg' (video 'v', frameIndex 1), label id 'x': "
                       "a predicted track id must be an integer"),
    'extra frame': ('det', [{'name': 'a.jpg', 'labels': []}],
                    [{'name': 'a.jpg', 'labels': []}, {'name': 'z.jpg', 'labels': []}],
                    "pred.json: frame 'z.jpg': prediction for a frame that is not in the "
                    "ground truth"),
}


@pytest.mark.parametrize('case', list(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_nothing_written(capsys, tmp_path, case):
    task, gt, pred, message = BAD_INPUTS[case]
    png = isinstance(gt, np.ndarray)
    gt_path = write(tmp_path / ('gt/a.png' if png else 'gt.json'), gt)
    pred_path = write(tmp_path / ('pred/a.png' if png else 'pred.json'), pred)
    if png:
        gt_path, pred_path = osp.dirname(gt_path), osp.dirname(pred_path)
    out_file = tmp_path / 'scores.json'
    code, out, err = run(capsys, '-t', task, '-g', gt_path, '-r', pred_path, '--out',
                         str(out_file))
    assert code == 2
    assert err.startswith('error: ') and err.count('\n') == 1 and 'Traceback' not in err
    assert message in err
    assert out == '' and not out_file.exists()


def test_missing_input_and_wrong_option(capsys, tmp_path):
    code, _, err = run(capsys, '-t', 'det', '-g', str(tmp_path / 'none.json'), '-r',
                       str(tmp_path / 'none.json'))
    assert code == 2 and err.startswith('error: input not found')
    gt = write(tmp_path / 'gt.json', [{'name': 'a.jpg', 'labels': []}])
    code, _, err = run(capsys, '-t', 'det', '-g', gt, '-r', gt, '--iou-thr', '0.7')
    assert code == 2 and err == 'error: --iou-thr applies to box_track, seg_track only\n'
