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
BDD_ANOMALY_CONFIG = 'anomaly/configs/anomaly/dla34_512x1024_80k_bdd_anomaly.py'


def write_images(folder, sizes) -> None:
    """Random RGB images ``<stem>.jpg`` of the given ``{stem: (height, width)}``."""
    folder.mkdir()
    rng = np.random.default_rng(0)
    for stem, size in sizes.items():
        Image.fromarray(rng.integers(0, 255, (*size, 3), dtype=np.uint8)).save(
            folder / f'{stem}.jpg')


@pytest.fixture(scope='module')
def run(repo_root, tmp_path_factory):
    """Images, a random checkpoint of the config (no dataset_meta) and a data root that does not
    exist: inference needs no sample."""
    tmp_path = tmp_path_factory.mktemp('infer')
    _, cfg = model_config(osp.join(repo_root, CONFIG))
    torch.manual_seed(0)
    checkpoint = str(tmp_path / 'model.pth')
    torch.save({'state_dict': build_model(cfg).state_dict()}, checkpoint)
    images = tmp_path / 'images'
    write_images(images, {'a': (90, 160), 'b': (60, 100)})
    args = [osp.join(repo_root, CONFIG), checkpoint, str(images), '--cfg-options',
            f'test_dataloader.dataset.data_root={tmp_path}/no_such_root/']
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


@pytest.fixture(scope='module')
def bdd_anomaly_checkpoints(repo_root, tmp_path_factory):
    """The BDD-Anomaly DLA-34 config (17 known classes: BDD100K without train and motorcycle) and
    two random checkpoints of it: one with the training dataset's meta, as mmengine saves it,
    one without."""
    tmp_path = tmp_path_factory.mktemp('bdd_anomaly')
    config = osp.join(repo_root, BDD_ANOMALY_CONFIG)
    _, cfg = model_config(config)
    torch.manual_seed(0)
    state = build_model(cfg).state_dict()
    known = [i for i, name in enumerate(SEM_SEG_CLASSES) if name not in ('train', 'motorcycle')]
    meta = {'classes': tuple(SEM_SEG_CLASSES[i] for i in known),
            'palette': [list(SEM_SEG_PALETTE[i]) for i in known]}
    with_meta, without_meta = tmp_path / 'with_meta.pth', tmp_path / 'without_meta.pth'
    torch.save({'state_dict': state, 'meta': {'dataset_meta': meta}}, with_meta)
    torch.save({'state_dict': state}, without_meta)
    images = tmp_path / 'images'
    write_images(images, {'a': (36, 64)})
    options = ['--cfg-options', f'test_dataloader.dataset.data_root={tmp_path}/no_such_root/']
    return config, str(with_meta), str(without_meta), str(images), options, meta


@pytest.mark.slow  # the full-size DLA-34 at 1280 x 720
def test_bdd_anomaly_infers_with_the_checkpoint_classes_and_no_data_root(
        bdd_anomaly_checkpoints, tmp_path):
    config, with_meta, _, images, options, meta = bdd_anomaly_checkpoints
    out = tmp_path / 'out'
    assert main(['infer', config, with_meta, images, '--out', str(out), *options]) == 0
    assert np.array(Image.open(out / 'masks' / 'a.png')).max() < 17
    assert np.load(out / 'anomaly_maps' / 'max_logit' / 'a.npy').shape == (36, 64)
    assert (out / 'heatmaps' / 'a.jpg').is_file()
    [frame] = json.loads((out / 'preds.json').read_text())
    assert {label['category'] for label in frame['labels']} <= set(meta['classes'])


def test_without_classes_in_the_checkpoint_nor_a_classes_file_nothing_is_written(
        bdd_anomaly_checkpoints, tmp_path, capsys):
    config, _, without_meta, images, options, _ = bdd_anomaly_checkpoints
    out = tmp_path / 'out'
    assert main(['infer', config, without_meta, images, '--out', str(out), *options]) != 0
    err = capsys.readouterr().err
    assert 'the checkpoint has no dataset_meta' in err and 'no_such_root/bdd_anomaly.json' in err
    assert not out.exists()
