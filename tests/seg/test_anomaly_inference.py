"""`bdd100k-zoo infer` with the sample anomaly config: class masks, score maps, heat maps."""
import json
import os
import os.path as osp

import numpy as np
import pytest
import torch
from PIL import Image

from bdd100k_zoo.cli import main
from bdd100k_zoo.inference.model import build_model, model_config
from bdd100k_zoo.labels.categories import SEM_SEG_CLASSES, SEM_SEG_PALETTE

CONFIG = 'anomaly/configs/anomaly/dla34_anomaly_bdd100k_sample.py'
SCORES = ('max_logit', 'msp', 'entropy', 'energy')


@pytest.fixture(scope='module')
def run(repo_root, tmp_path_factory):
    """Images, a random checkpoint of the config and its data root (the classes file)."""
    tmp_path = tmp_path_factory.mktemp('infer')
    root = tmp_path / 'root'
    root.mkdir()
    (root / 'bdd_anomaly.json').write_text(json.dumps(
        {'classes': list(SEM_SEG_CLASSES), 'palette': [list(c) for c in SEM_SEG_PALETTE]}))
    _, cfg = model_config(osp.join(repo_root, CONFIG))
    torch.manual_seed(0)
    checkpoint = str(tmp_path / 'model.pth')
    torch.save({'state_dict': build_model(cfg).state_dict()}, checkpoint)
    images = tmp_path / 'images'
    images.mkdir()
    rng = np.random.default_rng(0)
    for stem, size in (('a', (90, 160)), ('b', (60, 100))):
        Image.fromarray(rng.integers(0, 255, (*size, 3), dtype=np.uint8)).save(
            images / f'{stem}.jpg')
    args = [osp.join(repo_root, CONFIG), checkpoint, str(images), '--cfg-options',
            f'test_dataloader.dataset.data_root={root}/']
    return args, images, tmp_path / 'out'


def test_infer_writes_every_score_map_and_a_heat_map(run):
    args, images, out = run
    assert main(['infer', args[0], args[1], args[2], '--out', str(out), *args[3:]]) == 0
    for stem, size in (('a', (90, 160)), ('b', (60, 100))):
        mask = np.array(Image.open(out / 'masks' / f'{stem}.png'))
        assert mask.shape == size and mask.max() < 19
        for score in SCORES:
            value = np.load(out / 'anomaly_maps' / score / f'{stem}.npy', allow_pickle=False)
            assert value.dtype == np.float32 and value.shape == size and np.isfinite(value).all()
        assert Image.open(out / 'heatmaps' / f'{stem}.jpg').size == size[::-1]
    msp = np.load(out / 'anomaly_maps' / 'msp' / 'a.npy')
    assert 0 <= msp.min() and msp.max() < 1 - 1 / 19 + 1e-6  # 1 - max softmax of 19 classes
    frames = json.loads((out / 'preds.json').read_text())
    assert [frame['name'] for frame in frames] == ['a.jpg', 'b.jpg']


def test_a_failing_image_writes_nothing(run, tmp_path):
    args, images, _ = run
    broken = tmp_path / 'images'
    broken.mkdir()
    for name in os.listdir(images):
        (broken / name).write_bytes((images / name).read_bytes())
    (broken / 'c.jpg').write_bytes(b'not a jpeg')
    out = tmp_path / 'out'
    assert main(['infer', args[0], args[1], str(broken), '--out', str(out), *args[3:]]) != 0
    assert not osp.exists(out) or not os.listdir(out)
