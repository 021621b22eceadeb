"""``bdd100k-zoo eval`` on damaged folders and zips of mask PNGs: scores, or exit 2 naming the file.

Each task starts from the bdd100k toolkit's test masks (class masks, bitmasks, lane masks; the
1280 x 720 ones subsampled to keep the tests fast). A tree of files is damaged by replacing a PNG
with one of another mode, size or content, changing a few pixels, damaging its bytes, dropping or
duplicating a file; ins_seg's score file is mutated as JSON; the tree is given as a folder or zip.
"""
import io
import json
import os
import os.path as osp
import tempfile
import zipfile
from typing import Dict, Tuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from bdd100k_zoo.labels.masks import png_bytes

Tree = Dict[str, bytes]

#: task: (ground-truth folder, prediction folder, subsampling step), in bdd100k-eval.
SOURCES = {
    'sem_seg': ('seg/gt', 'seg/pred', 1),
    'ins_seg': ('ins_seg/gt', 'ins_seg/pred', 1),
    'pan_seg': ('pan_seg/gt', 'pan_seg/pred', 10),
    'seg_track': ('mots/gt', 'mots/result', 1),
    'lane_mark': ('lane/gts', 'lane/res', 8),
}


def read_tree(folder: str, step: int) -> Tree:
    """The files of a folder by relative path, PNGs subsampled by ``step``."""
    tree = {}
    for parent, _, names in os.walk(folder):
        for name in names:
            path = osp.join(parent, name)
            with open(path, 'rb') as f:
                data = f.read()
            if name.endswith('.png') and step > 1:
                data = png_bytes(np.asarray(Image.open(io.BytesIO(data)))[::step, ::step])
            tree[osp.relpath(path, folder)] = data
    return tree


def drivable_trees() -> Tuple[Tree, Tree]:
    """drivable: a 12 x 16 mask of direct (0), alternative (1) and background (2), and a shifted
    prediction."""
    mask = np.kron(np.array([[0, 1], [2, 0], [1, 2]], np.uint8), np.ones((4, 8), np.uint8))
    return {'a.png': png_bytes(mask)}, {'a.png': png_bytes(np.roll(mask, 3, axis=1))}


@pytest.fixture(scope='module')
def trees(data_dir: str) -> Dict[str, Tuple[Tree, Tree]]:
    """Valid ground-truth and prediction trees of each task."""
    root = osp.join(data_dir, 'bdd100k-eval')
    pairs = {task: (read_tree(osp.join(root, gt), step), read_tree(osp.join(root, pred), step))
             for task, (gt, pred, step) in SOURCES.items()}
    with open(osp.join(root, 'ins_seg', 'pred.json'), 'rb') as f:
        pairs['ins_seg'][1]['pred.json'] = f.read()
    pairs['drivable'] = drivable_trees()
    return pairs


#: Image modes a mask might wrongly come in, with the array type of each.
MODES = {'1': bool, 'L': np.uint8, 'P': np.uint8, 'LA': np.uint8, 'RGB': np.uint8,
         'RGBA': np.uint8, 'I;16': np.uint16}
CHANNELS = {'LA': 2, 'RGB': 3, 'RGBA': 4}


@st.composite
def other_png(draw: st.DrawFn) -> bytes:
    """A PNG of any mode, a small size and any values."""
    mode = draw(st.sampled_from(sorted(MODES)))
    shape = (draw(st.integers(1, 12)), draw(st.integers(1, 12))) + (
        (CHANNELS[mode],) if mode in CHANNELS else ())
    values = draw(st.sampled_from([0, 1, 2, 7, 18, 19, 255, 256, 65535]))
    array = np.random.default_rng(draw(st.integers(0, 9))).integers(0, values + 1, shape)
    image = Image.fromarray(array.astype(MODES[mode]))
    buffer = io.BytesIO()
    image.convert(mode).save(buffer, format='PNG')
    return buffer.getvalue()


@st.composite
def repainted(draw: st.DrawFn, data: bytes) -> bytes:
    """A PNG with a few pixels (or channels) set to other values."""
    array = np.array(Image.open(io.BytesIO(data)))
    for _ in range(draw(st.integers(1, 4))):
        y, x = draw(st.integers(0, array.shape[0] - 1)), draw(st.integers(0, array.shape[1] - 1))
        if array.ndim == 3:
            array[y, x, draw(st.integers(0, array.shape[2] - 1))] = draw(st.integers(0, 255))
        else:
            array[y, x] = draw(st.integers(0, 255))
    return png_bytes(array)


@st.composite
def damaged_tree(draw: st.DrawFn, tree: Tree, damaged_bytes, json_contents) -> Tree:
    """``tree`` with one file replaced, repainted, damaged, dropped or copied under a new name."""
    tree = dict(tree)
    name = draw(st.sampled_from(sorted(tree)))
    kind = draw(st.sampled_from(['other', 'repaint', 'repaint', 'bytes', 'drop', 'copy']))
    if name.endswith('.json'):
        tree[name] = draw(json_contents(json.loads(tree[name])))
    elif kind == 'other':
        tree[name] = draw(other_png())
    elif kind == 'repaint':
        tree[name] = draw(repainted(tree[name]))
    elif kind == 'bytes':
        tree[name] = draw(damaged_bytes(tree[name]))
    elif kind == 'drop':
        del tree[name]
    else:
        tree[osp.join(osp.dirname(name), draw(st.sampled_from(['z.png', 'a.PNG', 'x.json'])))] \
            = tree[name]
    return tree


def write_tree(tree: Tree, path: str, as_zip: bool) -> str:
    """Writes a tree as a folder or a zip; returns the path."""
    if as_zip:
        path += '.zip'
        with zipfile.ZipFile(path, 'w') as zf:
            for name, data in tree.items():
                zf.writestr(name, data)
        return path
    for name, data in tree.items():
        os.makedirs(osp.dirname(osp.join(path, name)), exist_ok=True)
        with open(osp.join(path, name), 'wb') as f:
            f.write(data)
    os.makedirs(path, exist_ok=True)
    return path


TASKS = sorted(list(SOURCES) + ['drivable'])


@pytest.mark.parametrize('task', TASKS)
def test_the_seeds_are_scored(task, trees, run_eval, tmp_path):
    gt, pred = (write_tree(tree, str(tmp_path / name), name == 'pred')
                for name, tree in zip(('gt', 'pred'), trees[task]))
    (tmp_path / 'out').mkdir()
    code, err = run_eval(task, gt, pred, str(tmp_path / 'out'))
    assert code == 0, err


@pytest.mark.parametrize('task', TASKS)
@settings(max_examples=15)
@given(data=st.data())
def test_damaged_masks_are_scored_or_named(task, trees, run_eval, damaged_bytes, json_contents,
                                           data):
    side = data.draw(st.sampled_from(['gt', 'pred', 'pred']), label='damaged side')
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, tree in zip(('gt', 'pred'), trees[task]):
            if name == side:
                tree = data.draw(damaged_tree(tree, damaged_bytes, json_contents), label=name)
            paths.append(write_tree(tree, osp.join(folder, name),
                                    data.draw(st.booleans(), label=f'{name} as zip')))
        os.mkdir(osp.join(folder, 'out'))
        run_eval(task, *paths, osp.join(folder, 'out'))
