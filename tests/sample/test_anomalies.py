"""The sample's anomaly split: unknown objects with their masks, standing on and beside the road,
read by the anomaly dataset config, byte-identical per seed."""
import hashlib
import os
import os.path as osp

import numpy as np
from PIL import Image

from bdd100k_zoo.labels.categories import SEM_SEG_CLASSES
from bdd100k_zoo.sample.anomalies import write_anomaly_split
from bdd100k_zoo.sample.writer import SampleWriter

ROAD = SEM_SEG_CLASSES.index('road')


def read(root, *parts):
    return np.array(Image.open(osp.join(root, *parts)))


def test_split_files_and_mask_values(tiny_sample):
    root = tiny_sample.root
    stems = sorted(name[:-4] for name in os.listdir(osp.join(root, 'images/10k/anomaly')))
    assert len(stems) == 3 == tiny_sample.counts['anomaly']['anomaly']['images']
    assert tiny_sample.counts['anomaly']['anomaly']['objects'] >= 3
    for stem in stems:
        anomaly = read(root, 'labels/anomaly/masks/anomaly', f'{stem}.png')
        sem = read(root, 'labels/sem_seg/masks/anomaly', f'{stem}.png')
        image = read(root, 'images/10k/anomaly', f'{stem}.jpg')
        assert anomaly.shape == sem.shape == image.shape[:2]
        assert set(np.unique(anomaly)) <= {0, 1, 255}
        objects = anomaly == 1
        assert objects.mean() > 0.0005
        assert np.all(sem[objects] == 255) and np.all(sem[anomaly == 255] == 255)
        assert np.all(sem[anomaly == 0] < len(SEM_SEG_CLASSES))
        # an object stands on the road: road right below one of its bottom pixels
        rows, cols = np.nonzero(objects[:-1] & ~objects[1:])
        assert np.any(sem[rows + 1, cols] == ROAD)


def test_anomaly_dataset_config_reads_the_split(tiny_sample, repo_root):
    from mmengine.config import Config
    from mmengine.registry import init_default_scope
    from mmseg.registry import DATASETS

    import bdd100k_zoo.seg  # noqa: F401  (registers the dataset)
    init_default_scope('mmseg')
    cfg = Config.fromfile(osp.join(repo_root, 'configs/_base_/datasets/bdd_anomaly_sample.py'))
    dataset = DATASETS.build(dict(cfg.test_dataloader.dataset, data_root=tiny_sample.root))
    assert len(dataset) == 3 and len(dataset.metainfo['classes']) == 19
    sample = dataset[0]['data_samples']
    assert sample.gt_anomaly_map.shape == (720, 1280)
    assert int((sample.gt_anomaly_map.data == 1).sum()) > 0


def digests(root):
    return {osp.relpath(osp.join(folder, name), root):
            hashlib.sha256(open(osp.join(folder, name), 'rb').read()).hexdigest()
            for folder, _, names in os.walk(root) for name in names}


def test_byte_identical_per_seed(tmp_path):
    runs = {}
    for name, seed in (('first', 5), ('again', 5), ('other', 6)):
        write_anomaly_split(SampleWriter(str(tmp_path / name), 80), seed, 1)
        runs[name] = digests(tmp_path / name)
    assert runs['first'] == runs['again'] and len(runs['first']) == 3
    images = [{d for p, d in runs[name].items() if p.endswith('.jpg')} for name in runs]
    assert not images[0] & images[2]
