"""BDD-Anomaly in mmseg: the dataset on a root built by ``build_bdd_anomaly``, the anomaly mask
loaded (checked) and packed, void relabelled, and the metric through mmengine's ``Evaluator``
giving the numbers of ``evaluate_anomaly_files`` on the maps it wrote."""
import os
import os.path as osp
import zipfile

import numpy as np
import pytest
import torch
from mmengine.evaluator import Evaluator
from mmengine.structures import PixelData
from mmseg.registry import DATASETS, METRICS, TRANSFORMS
from mmseg.structures import SegDataSample
from PIL import Image
from sklearn.metrics import jaccard_score

from bdd100k_zoo.anomaly.bdd_anomaly import build_bdd_anomaly
from bdd100k_zoo.evaluation import evaluate_anomaly_files
from bdd100k_zoo.labels import LabelError

PIPELINE = [dict(type='LoadImageFromFile'), dict(type='BDD100KLoadAnomalyAnnotations'),
            dict(type='BDD100KPackAnomalyInputs', meta_keys=('img_path', 'name', 'ori_shape'))]
SHAPE = (30, 40)


@pytest.fixture
def anomaly_root(tmp_path):
    """BDD-Anomaly (train + motorcycle held out) of 4 val images and 1 train image: 'a' and 'b'
    hold a train (BDD id 16) block, 'c' a motorcycle (17) block, 'd' and 'e' a car (13) block;
    every image has bicycles (18) in a corner."""
    source = tmp_path / 'bdd100k'
    blocks = {'a': 16, 'b': 16, 'c': 17, 'd': 13, 'e': 13}
    for stem, value in blocks.items():
        split = 'train' if stem == 'e' else 'val'
        mask = np.zeros(SHAPE, np.uint8)
        mask[10:25, 5:20] = value
        mask[:2] = 255
        mask[25:, 30:] = 18
        for folder, name, array in ((f'labels/sem_seg/masks/{split}', f'{stem}.png', mask),
                                    (f'images/10k/{split}', f'{stem}.jpg',
                                     np.full(SHAPE + (3,), 90, np.uint8))):
            os.makedirs(source / folder, exist_ok=True)
            Image.fromarray(array).save(source / folder / name)
    out = tmp_path / 'bdd_anomaly'
    build_bdd_anomaly(str(source), str(out))
    return str(out)


def build(root, split='test', pipeline=PIPELINE):
    return DATASETS.build(dict(type='BDD100KAnomalyDataset', data_root=root, split=split,
                               pipeline=pipeline, test_mode=True))


def test_dataset_loads_and_packs_the_anomaly_mask(anomaly_root):
    dataset = build(anomaly_root)
    assert len(dataset) == 3 and len(dataset.metainfo['classes']) == 17
    assert dataset.metainfo['classes'][16] == 'bicycle'
    info = dataset.get_data_info(2)
    assert info['num_classes'] == 17
    assert info['anomaly_map_path'] == osp.join(anomaly_root, 'labels/anomaly/masks/test/c.png')
    sample = dataset[2]['data_samples']
    anomaly = sample.gt_anomaly_map.data[0].numpy()
    assert anomaly.dtype == np.uint8 and anomaly.shape == SHAPE
    assert anomaly[15, 10] == 1 and anomaly[0, 0] == 255 and anomaly[28, 35] == 0
    assert sample.gt_sem_seg.data[0, 28, 35] == 16  # bicycle re-indexed
    assert sample.gt_sem_seg.data[0, 15, 10] == 255  # the held-out motorcycle is ignored
    val = build(anomaly_root, 'val')
    assert len(val) == 1 and 'anomaly_map_path' not in val.get_data_info(0)


def test_bad_anomaly_value_names_the_file(anomaly_root):
    path = osp.join(anomaly_root, 'labels/anomaly/masks/test/a.png')
    Image.fromarray(np.full(SHAPE, 7, np.uint8)).save(path)
    with pytest.raises(LabelError, match='a.png.*illegal class ids'):
        build(anomaly_root)[0]


def test_missing_info_file_or_anomaly_mask(anomaly_root):
    os.remove(osp.join(anomaly_root, 'labels/anomaly/masks/test/b.png'))
    with pytest.raises(FileNotFoundError, match='b.png'):
        build(anomaly_root)
    os.remove(osp.join(anomaly_root, 'bdd_anomaly.json'))
    with pytest.raises(FileNotFoundError, match='anomaly build'):
        build(anomaly_root)


def test_relabel_void():
    transform = TRANSFORMS.build(dict(type='BDD100KRelabelVoid', value=17))
    mask = np.array([[0, 255], [16, 255]], np.uint8)
    np.testing.assert_array_equal(transform({'gt_seg_map': mask})['gt_seg_map'],
                                  [[0, 17], [16, 17]])
    with pytest.raises(ValueError):
        TRANSFORMS.build(dict(type='BDD100KRelabelVoid', value=255))


def test_metric_equals_the_files_evaluation(anomaly_root, tmp_path):
    dataset = build(anomaly_root)
    rng = np.random.default_rng(0)
    samples, truths, preds = [], [], []
    for index in range(len(dataset)):
        packed = dataset[index]['data_samples']
        label = packed.gt_anomaly_map.data[0].numpy()
        gt = packed.gt_sem_seg.data[0].numpy()
        pred = np.where(rng.random(SHAPE) < 0.1, 3, np.where(gt == 255, 0, gt))
        logit = torch.from_numpy(rng.random((1,) + SHAPE).astype(np.float32) + (label == 1))
        energy = torch.from_numpy(rng.random((1,) + SHAPE).astype(np.float32))
        sample = SegDataSample(metainfo=dict(name=packed.name, img_path=packed.img_path))
        sample.gt_anomaly_map = packed.gt_anomaly_map
        sample.gt_sem_seg = packed.gt_sem_seg
        sample.pred_sem_seg = PixelData(data=torch.from_numpy(pred[None]))
        sample.pred_anomaly_map = PixelData(data=logit)
        sample.pred_anomaly_maps = PixelData(max_logit=logit, energy=energy)
        samples.append(sample)
        truths.append(gt.ravel())
        preds.append(pred.ravel())
    out = tmp_path / 'out'
    evaluator = Evaluator(METRICS.build(dict(type='BDD100KAnomalyMetric', output_dir=str(out),
                                             track='obstacle')))
    evaluator.dataset_meta = dataset.metainfo
    evaluator.process(samples)
    metrics = evaluator.evaluate(len(samples))
    label_dir = osp.join(anomaly_root, 'labels/anomaly/masks/test')
    for score in ('max_logit', 'energy'):
        files = evaluate_anomaly_files(label_dir, str(out / 'anomaly_maps' / score),
                                       track='obstacle').summary
        assert {key: metrics[f'bdd100k/{score}/{key}'] for key in files} == files
        assert sorted(os.listdir(out / 'anomaly_maps' / score)) == ['a.npy', 'b.npy', 'c.npy']
    assert metrics['bdd100k/AP'] == metrics['bdd100k/max_logit/AP'] > 90
    truth, pred = np.concatenate(truths), np.concatenate(preds)
    valid = truth != 255
    present = np.union1d(truth[valid], pred[valid])
    reference = jaccard_score(truth[valid], pred[valid], labels=present, average='macro')
    assert metrics['bdd100k/mIoU'] == pytest.approx(100 * reference)
    assert sorted(os.listdir(out)) == ['anomaly_maps', 'heatmaps.zip', 'masks.zip', 'preds.json',
                                       'scores.json']
    with zipfile.ZipFile(out / 'heatmaps.zip') as heatmaps, zipfile.ZipFile(
            out / 'masks.zip') as masks:
        assert heatmaps.namelist() == ['a.jpg', 'b.jpg', 'c.jpg']
        assert masks.namelist() == ['a.png', 'b.png', 'c.png']


def test_dataset_config_builds_every_split(anomaly_root, repo_root):
    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(repo_root, 'configs/_base_/datasets/bdd_anomaly.py'))
    for loader, count in (('train_dataloader', 1), ('val_dataloader', 1),
                          ('test_dataloader', 3)):
        dataset = DATASETS.build(dict(cfg[loader].dataset, data_root=anomaly_root))
        assert len(dataset) == count
    sample = dataset[0]['data_samples']
    assert sample.gt_anomaly_map.shape == SHAPE and sample.name == 'a.jpg'
    assert cfg.test_evaluator == dict(type='BDD100KAnomalyMetric')
    assert cfg.val_evaluator.type == 'IoUMetric'


def test_metric_bad_score_map_raises_and_leaves_nothing(anomaly_root, tmp_path):
    dataset = build(anomaly_root)
    packed = dataset[0]['data_samples']
    good, bad = (SegDataSample(metainfo=dict(name=name, img_path=packed.img_path))
                 for name in ('a.jpg', 'b.jpg'))
    for sample, value in ((good, 0.5), (bad, np.nan)):
        sample.gt_anomaly_map = packed.gt_anomaly_map
        sample.gt_sem_seg = packed.gt_sem_seg
        sample.pred_sem_seg = PixelData(data=torch.zeros((1,) + SHAPE, dtype=torch.int64))
        sample.pred_anomaly_map = PixelData(data=torch.full((1,) + SHAPE, value))
    out = tmp_path / 'out'
    evaluator = Evaluator(METRICS.build(dict(type='BDD100KAnomalyMetric', output_dir=str(out))))
    evaluator.dataset_meta = dataset.metainfo
    evaluator.process([good])
    assert len(os.listdir(out)) == 1  # the temporary maps
    with pytest.raises(LabelError, match=r'b.jpg \(anomaly\).*NaN'):
        evaluator.process([bad])
    assert os.listdir(out) == []
