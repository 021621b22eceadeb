"""The mmseg metrics give the official numbers (``evaluate_files``, what ``bdd100k-zoo eval`` runs)
on the same predictions, the Cityscapes scores of a hand-computed case, and a submission that scores
the same when read back."""
import io
import json
import math
import os
import os.path as osp
import subprocess
import sys
import zipfile

import numpy as np
import pytest
import torch
from mmengine.structures import PixelData
from mmseg.registry import DATASETS, METRICS
from PIL import Image

from bdd100k_zoo.evaluation import SegEvaluator, evaluate_files
from bdd100k_zoo.labels.masks import encode_bitmask

PIPELINE = [dict(type='LoadImageFromFile'), dict(type='BDD100KLoadAnnotations'),
            dict(type='PackSegInputs', meta_keys=('img_path', 'seg_map_path', 'name',
                                                  'attributes', 'ori_shape'))]
TYPES = {'sem_seg': ('BDD100KSemSegDataset', 'BDD100KSemSegMetric'),
         'drivable': ('BDD100KDrivableDataset', 'BDD100KDrivableMetric')}
NUM_CLASSES = {'sem_seg': 19, 'drivable': 3}


def build_dataset(task, root, **kwargs):
    return DATASETS.build(dict(type=TYPES[task][0], data_root=root, pipeline=PIPELINE, **kwargs))


def predictions(task, dataset, seed=0):
    """Plausible predictions: the ground truth with ~30% of the pixels (and all ignored) changed."""
    rng = np.random.default_rng(seed)
    preds = {}
    for index in range(len(dataset)):
        sample = dataset[index]['data_samples']
        pred = sample.gt_sem_seg.data[0].numpy().astype(np.uint8)
        noise = (rng.random(pred.shape) < 0.3) | (pred == 255)
        pred[noise] = rng.integers(0, NUM_CLASSES[task], int(noise.sum()))
        preds[sample.name] = pred
    return preds


def run_metric(task, dataset, preds, **kwargs):
    """Feeds the dataset's samples with ``preds`` through the metric, as mmseg's test loop does."""
    metric = METRICS.build(dict(type=TYPES[task][1], **kwargs))
    metric.dataset_meta = dataset.metainfo
    for index in range(len(dataset)):
        sample = dataset[index]['data_samples']
        sample.pred_sem_seg = PixelData(data=torch.from_numpy(preds[sample.name][None]).long())
        metric.process({}, [sample.to_dict()])
    return metric.evaluate(len(dataset))


def write_pngs(folder, preds):
    os.makedirs(folder, exist_ok=True)
    for name, pred in preds.items():
        Image.fromarray(pred).save(osp.join(folder, name.replace('.jpg', '.png')))
    return folder


def assert_close(ours, official):
    assert set(ours) == set(official)
    for key, value in official.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            assert ours[key] is None or math.isnan(ours[key]), key
        else:
            assert ours[key] == pytest.approx(value, abs=1e-9), key


@pytest.mark.parametrize('task', ['sem_seg', 'drivable'])
def test_metric_gives_the_official_numbers(tiny_sample, tmp_path, task):
    dataset = build_dataset(task, tiny_sample)
    preds = predictions(task, dataset)
    metrics = run_metric(task, dataset, preds)
    gt_dir = osp.join(tiny_sample, 'labels', task, 'masks', 'val')
    options = {}
    if task == 'sem_seg':
        options['instances'] = osp.join(tiny_sample, 'labels', 'ins_seg', 'bitmasks', 'val')
    official = evaluate_files(task, gt_dir, write_pngs(tmp_path / 'preds', preds), **options)
    expected = dict(official.summary)
    expected.update(official.extra.get('cityscapes', {}).get('summary', {}))
    assert_close({key.split('/', 1)[1]: value for key, value in metrics.items()}, expected)
    if task == 'sem_seg':
        assert {'IoU_category', 'iIoU_class', 'iIoU_category'} <= set(expected)


def hand_case(make_split):
    """4x6 sem_seg image: sky, two persons (4 px and 1 px), a car (6 px), road; see the test."""
    road, sky, person, rider, car, truck = 0, 10, 11, 12, 13, 14
    gt = np.array([[sky] * 6,
                   [person, person, road, car, car, car],
                   [person, person, road, car, car, car],
                   [road, road, road, road, road, person]], dtype=np.uint8)
    pred = np.array([[sky, sky, sky, sky, sky, car],
                     [person, road, road, car, car, car],
                     [person, person, rider, car, car, truck],
                     [road, road, road, road, person, road]], dtype=np.uint8)
    root = make_split('sem_seg', {'a': gt})
    instances = np.zeros(gt.shape, np.int32)
    categories = np.zeros(gt.shape, np.int32)
    instances[1:3, 0:2], categories[1:3, 0:2] = 1, 1  # pedestrian (ins_seg class 1)
    instances[3, 5], categories[3, 5] = 2, 1
    instances[1:3, 3:6], categories[1:3, 3:6] = 3, 3  # car (ins_seg class 3)
    folder = osp.join(root, 'labels', 'ins_seg', 'bitmasks', 'val')
    os.makedirs(folder)
    Image.fromarray(encode_bitmask(categories, instances, np.zeros_like(instances))).save(
        osp.join(folder, 'a.png'))
    return root, {'a.jpg': pred}


def test_cityscapes_scores_of_a_hand_computed_case(make_split):
    root, preds = hand_case(make_split)
    metrics = run_metric('sem_seg', build_dataset('sem_seg', root), preds)
    # IoU_category: flat 5/9, sky 5/6, human 3/7, vehicle 6/7 (others absent)
    expected = 100 * (5 / 9 + 5 / 6 + 3 / 7 + 6 / 7) / 4
    assert metrics['bdd100k/IoU_category'] == pytest.approx(expected)
    # person: mean size 2.5; iTP = 2.5 * (3/4 + 0/1), iFN = 2.5 * (1/4 + 1/1), FP 1 -> 1.875 / 6
    # car: one instance, iTP 5, iFN 1, FP 1 -> 5 / 7; no rider/truck instance -> not averaged
    assert metrics['bdd100k/iIoU_class'] == pytest.approx(100 * (1.875 / 6 + 5 / 7) / 2)
    # human: iTP 1.875, iFN 3.125, FP 2 (person and rider on road); vehicle: 6 / (6 + 1)
    assert metrics['bdd100k/iIoU_category'] == pytest.approx(100 * (1.875 / 7 + 6 / 7) / 2)
    # the BDD100K class IoU of the same pixels: person 3/6, car 5/7
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(np.asarray(Image.open(osp.join(root, 'labels/sem_seg/masks/val/a.png'))),
                  preds['a.jpg'])
    assert evaluator.result().per_class['person']['IoU'] == pytest.approx(50.0)
    assert evaluator.result().per_class['car']['IoU'] == pytest.approx(100 * 5 / 7)


def test_no_instance_folder_means_no_iiou(make_split):
    root, preds = hand_case(make_split)
    metrics = run_metric('sem_seg', build_dataset('sem_seg', root), preds, instance_dir='')
    assert 'bdd100k/IoU_category' in metrics
    assert not any('iIoU' in key for key in metrics)


def test_images_without_a_bitmask_have_no_instances(make_split):
    root, preds = hand_case(make_split)
    os.remove(osp.join(root, 'labels', 'ins_seg', 'bitmasks', 'val', 'a.png'))
    metrics = run_metric('sem_seg', build_dataset('sem_seg', root), preds)
    assert math.isnan(metrics['bdd100k/iIoU_class'])


def test_scores_sliced_by_frame_attributes(tiny_sample):
    dataset = build_dataset('drivable', tiny_sample, attributes_file='labels/det_20/det_val.json')
    preds = predictions('drivable', dataset)
    metrics = run_metric('drivable', dataset, preds, slice_by=('weather', 'timeofday'))
    for attribute in ('weather', 'timeofday'):
        groups = {}
        for index in range(len(dataset)):
            info = dataset.get_data_info(index)
            gt = np.asarray(Image.open(info['seg_map_path']))
            groups.setdefault(info['attributes'][attribute], []).append((gt, preds[info['name']]))
        for value, pairs in groups.items():
            evaluator = SegEvaluator('drivable')
            for gt, pred in pairs:
                evaluator.add(gt, pred)
            for name, number in evaluator.result().summary.items():
                assert metrics[f'bdd100k/{attribute}/{value}/{name}'] == pytest.approx(number)
    assert not any(key.startswith('bdd100k/scene/') for key in metrics)


def test_submission_round_trip(tiny_sample, tmp_path):
    dataset = build_dataset('sem_seg', tiny_sample)
    preds = predictions('sem_seg', dataset, seed=1)
    out = tmp_path / 'out'
    metrics = run_metric('sem_seg', dataset, preds, output_dir=str(out), max_visuals=2)
    assert sorted(os.listdir(out)) == ['masks.zip', 'preds.json', 'scores.json', 'visuals.zip']
    with zipfile.ZipFile(out / 'masks.zip') as zf:
        assert sorted(zf.namelist()) == sorted(name.replace('.jpg', '.png') for name in preds)
        for name, pred in preds.items():
            png = np.asarray(Image.open(io.BytesIO(zf.read(name.replace('.jpg', '.png')))))
            assert png.dtype == np.uint8 and np.array_equal(png, pred)
    with zipfile.ZipFile(out / 'visuals.zip') as zf:
        assert len(zf.namelist()) == 2 and all(n.endswith('.jpg') for n in zf.namelist())
    gt_dir = osp.join(tiny_sample, 'labels', 'sem_seg', 'masks', 'val')
    instances = osp.join(tiny_sample, 'labels', 'ins_seg', 'bitmasks', 'val')
    from_zip = evaluate_files('sem_seg', gt_dir, str(out / 'masks.zip'), instances=instances)
    from_json = evaluate_files('sem_seg', gt_dir, str(out / 'preds.json'))
    report = json.loads((out / 'scores.json').read_text())
    assert report == json.loads(json.dumps(from_zip.to_dict()))
    for name, value in from_zip.summary.items():
        assert metrics[f'bdd100k/{name}'] == pytest.approx(value)
        assert from_json.summary[name] == pytest.approx(value)
    for name, value in from_zip.extra['cityscapes']['summary'].items():
        assert metrics[f'bdd100k/{name}'] == pytest.approx(value)
    # the command line on the submission zip writes the very same scores file
    cli_scores = tmp_path / 'cli.json'
    subprocess.run([sys.executable, '-m', 'bdd100k_zoo.cli', 'eval', '-t', 'sem_seg', '-g', gt_dir,
                    '-r', str(out / 'masks.zip'), '--instances', instances,
                    '--out', str(cli_scores), '--quiet'], check=True, capture_output=True)
    assert json.loads(cli_scores.read_text()) == report


def test_format_only_writes_the_submission_of_a_split_without_masks(tiny_sample, tmp_path):
    os.makedirs(tmp_path / 'data' / 'images' / '100k')
    os.symlink(osp.join(tiny_sample, 'images', '100k', 'val'),
               tmp_path / 'data' / 'images' / '100k' / 'test')
    dataset = DATASETS.build(dict(
        type='BDD100KDrivableDataset', data_root=str(tmp_path / 'data'), split='test',
        with_masks=False, test_mode=True, pipeline=[PIPELINE[0], PIPELINE[2]]))
    preds = {dataset.get_data_info(i)['name']: np.full((720, 1280), i % 3, np.uint8)
             for i in range(len(dataset))}
    out = tmp_path / 'out'
    metrics = run_metric('drivable', dataset, preds, output_dir=str(out), format_only=True,
                         max_visuals=0)
    assert metrics == {}
    assert sorted(os.listdir(out)) == ['masks.zip', 'preds.json']
    frames = json.loads((out / 'preds.json').read_text())
    # drivable's background (id 2) is left unlabelled in the RLE frames, as officially scored
    assert [[label['category'] for label in frame['labels']] for frame in frames] == [
        ['direct'], ['alternative'], []]


def test_missing_ground_truth_asks_for_format_only(tiny_sample, tmp_path):
    dataset = DATASETS.build(dict(
        type='BDD100KDrivableDataset', data_root=tiny_sample, with_masks=False, test_mode=True,
        pipeline=[PIPELINE[0], PIPELINE[2]]))
    with pytest.raises(ValueError, match='no ground-truth mask .* set format_only=True'):
        run_metric('drivable', dataset, {dataset.get_data_info(i)['name']: np.zeros((720, 1280),
                                                                              np.uint8)
                                          for i in range(len(dataset))})


@pytest.mark.parametrize('kwargs, message', [
    (dict(slice_by=('city',)), 'slice_by accepts'),
    (dict(format_only=True), 'format_only writes the submission only')])
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        METRICS.build(dict(type='BDD100KSemSegMetric', **kwargs))
