"""``bdd100k-zoo infer`` runs the pan_seg sample model (random weights) on real KITTI frames and
writes the official pan_seg prediction format: one bitmask PNG per image (read back by the reader
of ``bdd100k-zoo eval -t pan_seg``), the RLE frames of its segments and a visual."""
import json
import os
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import ConfigDict
from mmengine.registry import MODELS, DefaultScope
from PIL import Image

from bdd100k_zoo.cli import main
from bdd100k_zoo.evaluation import evaluate_files
from bdd100k_zoo.labels.categories import PAN_SEG_CLASSES
from bdd100k_zoo.labels.masks import read_bitmask, rle_decode
from bdd100k_zoo.runtime.launch import load_config
from bdd100k_zoo.zoo.building import without_init

CONFIG = 'pan_seg/configs/pan_seg/panoptic_fpn_r18_fpn_pan_seg_bdd100k_sample.py'
#: (width, height) of the KITTI frames.
SIZES = {'000000.png': (1224, 370), '000001.png': (1242, 375)}
#: The official numbering of pan_seg bitmasks: stuff segments carry their category id (1..30) as
#: instance id, thing instances 31 and up (as in the official fixture tests/data/bdd100k-eval).
FIRST_THING_ID = 31


@pytest.fixture(scope='module')
def random_checkpoint(repo_root, tmp_path_factory):
    """The pan_seg sample model with random weights, saved as a checkpoint."""
    cfg = load_config(osp.join(repo_root, CONFIG))
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        model = MODELS.build(ConfigDict(without_init(cfg.model.to_dict())))
    path = str(tmp_path_factory.mktemp('pan_seg_random') / 'pan_seg_random.pth')
    torch.save({'state_dict': model.state_dict()}, path)
    return path


@pytest.mark.slow
def test_infer_writes_official_pan_seg_bitmasks(repo_root, random_checkpoint, data_dir,
                                                tmp_path):
    kitti = osp.join(data_dir, 'kitti', 'detection')
    out = tmp_path / 'out'
    assert main(['infer', osp.join(repo_root, CONFIG), random_checkpoint, kitti,
                 '--out', str(out)]) == 0
    assert sorted(os.listdir(out)) == ['masks', 'preds.json', 'visuals']
    assert sorted(os.listdir(out / 'masks')) == sorted(SIZES)
    with open(out / 'preds.json') as f:
        frames = {frame['name']: frame for frame in json.load(f)}
    assert sorted(frames) == sorted(SIZES)
    for name, (width, height) in SIZES.items():
        bitmask = read_bitmask(str(out / 'masks' / name))
        assert bitmask.categories.shape == (height, width)
        assert bitmask.categories.max() <= len(PAN_SEG_CLASSES)
        labelled = bitmask.categories > 0
        assert labelled.any()
        stuff = labelled & (bitmask.categories < FIRST_THING_ID)
        assert (bitmask.instances[stuff] == bitmask.categories[stuff]).all()
        assert (bitmask.instances[labelled & ~stuff] >= FIRST_THING_ID).all()
        labels = frames[name]['labels']
        assert sorted(int(label['id']) for label in labels) == bitmask.instance_ids().tolist()
        for label in labels:
            segment = bitmask.instances == int(label['id'])
            np.testing.assert_array_equal(rle_decode(label['rle']).astype(bool), segment)
            category = bitmask.categories[segment][0]
            assert label['category'] == PAN_SEG_CLASSES[category - 1]
        with Image.open(out / 'visuals' / name.replace('.png', '.jpg')) as visual:
            assert visual.format == 'JPEG' and visual.size == (width, height)
    scores = evaluate_files('pan_seg', str(out / 'masks'), str(out / 'masks')).summary
    assert scores['PQ'] == pytest.approx(100.0)
