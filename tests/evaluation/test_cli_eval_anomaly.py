"""``bdd100k-zoo eval -t anomaly``: folders and zips of label PNGs and score maps, the scores file,
and one-line errors naming the file with exit code 2 and nothing written."""
import json
import re
import zipfile

import numpy as np
import pytest
from PIL import Image
from sklearn.metrics import average_precision_score, roc_auc_score

from bdd100k_zoo.cli import main


def write_pair(root, name, label, score):
    (root / 'gt' / name).parent.mkdir(parents=True, exist_ok=True)
    (root / 'scores' / name).parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(label).save(root / 'gt' / f'{name}.png')
    np.save(root / 'scores' / f'{name}.npy', score)


@pytest.fixture
def folders(tmp_path):
    """Three 40 x 60 images (one in a sub-folder): a 20 x 25 anomaly (500 px) in each, scored
    higher with noise; a band of 255 on top."""
    rng = np.random.default_rng(0)
    labels, scores = [], []
    for name in ('a', 'b', 'sub/c'):
        label = np.zeros((40, 60), np.uint8)
        label[15:35, 20:45] = 1
        label[:3] = 255
        score = (rng.random(label.shape) + 0.8 * (label == 1)).astype(np.float32)
        write_pair(tmp_path, name, label, score)
        labels.append(label)
        scores.append(score)
    return tmp_path, labels, scores


def run(capsys, *args):
    code = main(['eval', '-t', 'anomaly', *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_scores_file_equals_sklearn(capsys, folders):
    root, labels, scores = folders
    out_file = root / 'out' / 'scores.json'
    code, out, err = run(capsys, '-g', str(root / 'gt'), '-r', str(root / 'scores'), '--out',
                         str(out_file))
    assert code == 0, err
    result = json.loads(out_file.read_text())
    y = np.concatenate([m.ravel() for m in labels])
    s = np.concatenate([m.ravel() for m in scores])
    y, s = y[y != 255], s[y != 255]
    assert result['summary']['AP'] == pytest.approx(100 * average_precision_score(y, s))
    assert result['summary']['AUROC'] == pytest.approx(100 * roc_auc_score(y, s))
    assert result['extra']['images'] == 3 and result['extra']['gt_components'] == 3
    assert 'mean_F1' in out and 'CA_IoU' in result['summary']


def test_zips_and_options(capsys, folders):
    root, _, _ = folders
    for side in ('gt', 'scores'):
        with zipfile.ZipFile(root / f'{side}.zip', 'w') as archive:
            for file in sorted((root / side).rglob('*.*')):
                archive.write(file, file.relative_to(root / side))
    code, out, err = run(capsys, '-g', str(root / 'gt.zip'), '-r', str(root / 'scores.zip'),
                         '--mode', 'binned', '--bits', '16', '--per-image', '--fpr-rule',
                         'nearest', '--track', 'obstacle')
    assert code == 0, err
    assert 'AP_img' in out and 'bounds' in out


@pytest.mark.parametrize('breakage,message', [
    ('label7', 'gt/a.png.*illegal class ids'),
    ('one pixel 2', 'gt/a.png.*illegal class ids'),
    ('rgb label', 'gt/a.png'),
    ('size', 'scores/a.npy.*size'),
    ('missing', 'gt/a.png.*no score map'),
    ('extra', 'scores/d.npy.*no ground truth'),
    ('no score folder', 'input not found: .*scores'),
    ('empty score file', 'scores/a.npy.*not a plain .npy'),
    ('nan', 'scores/a.npy.*NaN'),
    ('object', 'scores/a.npy.*not a plain .npy'),
    ('int', 'scores/a.npy.*2-D float'),
    ('config', 'no official config')])
def test_bad_input_exits_2_and_writes_nothing(capsys, folders, breakage, message):
    root, labels, scores = folders
    gt, score = root / 'gt' / 'a.png', root / 'scores' / 'a.npy'
    args = []
    if breakage == 'label7':
        Image.fromarray(np.full((40, 60), 7, np.uint8)).save(gt)
    elif breakage == 'one pixel 2':
        label = labels[0].copy()
        label[20, 30] = 2
        Image.fromarray(label).save(gt)
    elif breakage == 'rgb label':
        Image.fromarray(np.stack([labels[0]] * 3, axis=-1)).save(gt)
    elif breakage == 'no score folder':
        for file in (root / 'scores').rglob('*.npy'):
            file.unlink()
        for folder in sorted((root / 'scores').rglob('*'), reverse=True) + [root / 'scores']:
            folder.rmdir()
    elif breakage == 'empty score file':
        score.write_bytes(b'')
    elif breakage == 'size':
        np.save(score, scores[0][:, :50])
    elif breakage == 'missing':
        score.unlink()
    elif breakage == 'extra':
        np.save(root / 'scores' / 'd.npy', scores[0])
    elif breakage == 'nan':
        np.save(score, np.full_like(scores[0], np.nan))
    elif breakage == 'object':
        np.save(score, np.array([{'a': 1}], dtype=object), allow_pickle=True)
    elif breakage == 'int':
        np.save(score, labels[0].astype(np.int32))
    else:
        args = ['-c', 'sem_seg']
    out_file = root / 'out' / 'scores.json'
    code, _, err = run(capsys, '-g', str(root / 'gt'), '-r', str(root / 'scores'), '--out',
                       str(out_file), *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith('error:')
    assert re.search(message, err), err
    assert not out_file.parent.exists()
