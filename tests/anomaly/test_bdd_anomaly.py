"""BDD-Anomaly builder on a hand-made 10K root: split membership and counts for both held-out
options, re-indexed masks, anomaly mask values, and bad input leaving nothing behind."""
import json
import os
import os.path as osp

import numpy as np
import pytest
from PIL import Image

from bdd100k_zoo.anomaly.bdd_anomaly import build_bdd_anomaly
from bdd100k_zoo.cli import main
from bdd100k_zoo.labels import LabelError


def mask_of(*ids):
    """A 4 x 6 mask: row i holds ids[i] (the rest road, 0)."""
    mask = np.zeros((4, 6), np.uint8)
    for row, value in enumerate(ids):
        mask[row] = value
    return mask


#: split -> stem -> mask. BDD ids: 13 car, 16 train, 17 motorcycle, 18 bicycle, 255 ignored.
SOURCE = {'train': {'t1': mask_of(0, 1), 't2': mask_of(16, 13), 't3': mask_of(18, 2),
                    't4': mask_of(17, 255)},
          'val': {'v1': mask_of(13, 18), 'v2': mask_of(16, 0)}}


def make_root(root, source=SOURCE):
    for split, masks in source.items():
        for stem, mask in masks.items():
            for folder, name, array in (('labels/sem_seg/masks', f'{stem}.png', mask),
                                        ('images/10k', f'{stem}.jpg',
                                         np.zeros((4, 6, 3), np.uint8))):
                path = osp.join(root, folder, split, name)
                os.makedirs(osp.dirname(path), exist_ok=True)
                Image.fromarray(array).save(path)
    return str(root)


def stems(out, folder, split, suffix):
    path = osp.join(out, folder, split)
    return sorted(name[:-len(suffix)] for name in os.listdir(path)) if osp.isdir(path) else []


def read(out, *parts):
    return np.array(Image.open(osp.join(out, *parts)))


@pytest.mark.parametrize('held_out,expected', [
    (('train', 'motorcycle'), {'train': ['t1', 't3'], 'val': ['v1'], 'test': ['t2', 't4', 'v2']}),
    (('train', 'motorcycle', 'bicycle'),
     {'train': ['t1'], 'val': [], 'test': ['t2', 't3', 't4', 'v1', 'v2']})])
def test_membership_counts_and_masks(tmp_path, held_out, expected):
    root = make_root(tmp_path / 'bdd100k')
    out = str(tmp_path / 'bdd_anomaly')
    counts = build_bdd_anomaly(root, out, held_out)
    assert counts == {split: len(names) for split, names in expected.items()}
    for split, names in expected.items():
        assert stems(out, 'images/10k', split, '.jpg') == names
        assert stems(out, 'labels/sem_seg/masks', split, '.png') == names
    assert stems(out, 'labels/anomaly/masks', 'test', '.png') == expected['test']
    assert osp.islink(osp.join(out, 'images/10k/test/t2.jpg'))
    info = json.load(open(osp.join(out, 'bdd_anomaly.json')))
    assert len(info['classes']) == 19 - len(held_out) and info['counts'] == counts
    assert info['test_from'] == {'train': sum(n.startswith('t') for n in expected['test']),
                                 'val': sum(n.startswith('v') for n in expected['test'])}
    # t2: rows train (held out), car (13 -> 13: no class before it is held out)
    np.testing.assert_array_equal(read(out, 'labels/sem_seg/masks/test/t2.png'),
                                  mask_of(255, 13))
    np.testing.assert_array_equal(read(out, 'labels/anomaly/masks/test/t2.png'), mask_of(1, 0))
    # t4: motorcycle held out; an ignored row stays ignored in both masks
    np.testing.assert_array_equal(read(out, 'labels/anomaly/masks/test/t4.png'),
                                  mask_of(1, 255))
    bicycle = 'bicycle' not in held_out
    if bicycle:  # bicycle (18) becomes 16 once train and motorcycle are gone
        assert info['classes'][16] == 'bicycle' and info['id_map']['18'] == 16
        np.testing.assert_array_equal(read(out, 'labels/sem_seg/masks/train/t3.png'),
                                      mask_of(16, 2))
    else:
        np.testing.assert_array_equal(read(out, 'labels/anomaly/masks/test/v1.png'),
                                      mask_of(0, 1))


def test_bad_mask_raises_and_writes_nothing(tmp_path):
    source = {'train': dict(SOURCE['train'], bad=mask_of(19)), 'val': SOURCE['val']}
    root = make_root(tmp_path / 'bdd100k', source)
    out = tmp_path / 'bdd_anomaly'
    with pytest.raises(LabelError, match='bad.png.*illegal class ids'):
        build_bdd_anomaly(root, str(out))
    assert not out.exists() and os.listdir(tmp_path) == ['bdd100k']


def test_command(tmp_path, capsys):
    root = make_root(tmp_path / 'bdd100k')
    out = tmp_path / 'copied'
    assert main(['anomaly', 'build', '--root', root, '--out', str(out), '--copy']) == 0
    assert 'train 2, val 1, test 3 images' in capsys.readouterr().out
    assert not osp.islink(out / 'images/10k/test/t2.jpg')
    code = main(['anomaly', 'build', '--root', root, '--out', str(tmp_path / 'x'),
                 '--held-out', 'unicorn'])
    assert code == 2 and 'unicorn' in capsys.readouterr().err
    assert not (tmp_path / 'x').exists()
