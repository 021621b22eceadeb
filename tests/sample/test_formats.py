"""Format validity: every generated label file loads with scalabel's own loader, and scalabel's
official evaluation of each task accepts the labels and scores them perfectly against themselves."""
import copy
import glob
import json
import os
import os.path as osp

import pytest
from scalabel.eval.detect import evaluate_det
from scalabel.eval.ins_seg import evaluate_ins_seg
from scalabel.eval.mot import acc_single_video_mot, evaluate_track
from scalabel.eval.mots import acc_single_video_mots, evaluate_seg_track
from scalabel.eval.pose import evaluate_pose
from scalabel.eval.sem_seg import evaluate_sem_seg
from scalabel.label.io import group_and_sort, load, load_label_config
from scalabel.label.typing import Category, Config, ImageSize

from bdd100k_zoo.evaluation import evaluate_files
from bdd100k_zoo.labels.categories import DRIVABLE_CLASSES, IGNORE_MAPPING

SPLITS = ('train', 'val')
PERFECT_TRACKING = (100.0, 100.0, 0, 0, 0)


def label_files(root):
    return sorted(glob.glob(osp.join(root, 'labels', '**', '*.json'), recursive=True))


def scalabel_frames(root, *parts):
    """The frames of a label file (or folder of files) of the sample, read by scalabel."""
    return load(osp.join(root, 'labels', *parts)).frames


def as_predictions(frames):
    """Ground-truth frames turned into predictions (every label with score 1)."""
    predictions = copy.deepcopy(frames)
    for frame in predictions:
        for label in frame.labels or []:
            label.score = 1.0
    return predictions


def map_ignored(frames):
    """Turns the ignored categories into crowd regions of their class, as the official toolkit
    does before scalabel's tracking evaluation (which refuses unknown categories)."""
    for frame in frames:
        for label in frame.labels or []:
            if label.category in IGNORE_MAPPING:
                label.category = IGNORE_MAPPING[label.category]
                label.attributes = {**(label.attributes or {}), 'crowd': True}
    return frames


def official_config(data_dir, name):
    return load_label_config(osp.join(data_dir, 'scalabel-eval', name))


def tracking_scores(result):
    summary = result.summary()
    return tuple(summary[key] for key in ('MOTA', 'IDF1', 'FP', 'FN', 'IDSw'))


def test_the_official_label_files_are_all_there(tiny_sample):
    relative = {osp.relpath(path, tiny_sample.root) for path in label_files(tiny_sample.root)}
    for split in SPLITS:
        for path in (f'labels/det_20/det_{split}.json', f'labels/pose_21/pose_{split}.json',
                     f'labels/drivable/rles/drivable_{split}.json',
                     f'labels/ins_seg/rles/ins_seg_{split}.json',
                     f'labels/sem_seg/rles/sem_seg_{split}.json',
                     *(f'labels/{task}/polygons/{task}_{split}.json'
                       for task in ('drivable', 'ins_seg', 'sem_seg', 'pan_seg', 'lane'))):
            assert path in relative
        for folder in (f'labels/box_track_20/{split}', f'labels/seg_track_20/rles/{split}',
                       f'labels/seg_track_20/polygons/{split}'):
            assert len([path for path in relative if osp.dirname(path) == folder]) == 2
        images = os.listdir(osp.join(tiny_sample.root, 'images', '10k', split))
        bitmasks = os.listdir(osp.join(tiny_sample.root, 'labels', 'pan_seg', 'bitmasks', split))
        assert sorted(bitmasks) == sorted(name.replace('.jpg', '.png') for name in images)
    assert len(relative) == 2 * 10 + 2 * 2 + 2 * 2 + 2 * 2


def test_every_label_file_loads_with_scalabel(tiny_sample):
    for path in label_files(tiny_sample.root):
        with open(path, encoding='utf-8') as f:
            raw = json.load(f)
        frames = load(path).frames
        assert [frame.name for frame in frames] == [frame['name'] for frame in raw], path
        for frame, raw_frame in zip(frames, raw):
            labels = frame.labels or []
            assert len(labels) == len(raw_frame['labels'])
            for label, raw_label in zip(labels, raw_frame['labels']):
                assert label.id == raw_label['id'] and label.category == raw_label['category']
                if 'box2d' in raw_label:
                    assert label.box2d.dict() == raw_label['box2d']
                if 'poly2d' in raw_label:
                    assert [[list(xy) for xy in poly.vertices] for poly in label.poly2d] == \
                        [poly['vertices'] for poly in raw_label['poly2d']]
                if 'rle' in raw_label:
                    assert label.rle.counts == raw_label['rle']['counts']
                    assert list(label.rle.size) == [720, 1280]
                if 'graph' in raw_label:
                    names = [node['category'] for node in raw_label['graph']['nodes']]
                    assert [node.category for node in label.graph.nodes] == names


@pytest.mark.parametrize('split', SPLITS)
def test_official_detection_evaluation_accepts_the_labels(tiny_sample, data_dir, split):
    frames = scalabel_frames(tiny_sample.root, 'det_20', f'det_{split}.json')
    config = official_config(data_dir, 'det/det_configs.toml')
    result = evaluate_det(frames, as_predictions(frames), config, nproc=1).summary()
    assert result['AP'] == pytest.approx(100.0)
    assert result['AP/traffic light'] == pytest.approx(100.0)


@pytest.mark.parametrize('split', SPLITS)
def test_official_instance_segmentation_evaluation_accepts_the_labels(tiny_sample, data_dir,
                                                                      split):
    frames = scalabel_frames(tiny_sample.root, 'ins_seg', 'rles', f'ins_seg_{split}.json')
    config = official_config(data_dir, 'ins_seg/ins_seg_configs.toml')
    result = evaluate_ins_seg(frames, as_predictions(frames), config, nproc=1).summary()
    assert result['AP'] == pytest.approx(100.0)


def test_official_pose_evaluation_accepts_the_labels(tiny_sample, data_dir):
    frames = []
    for split in SPLITS:
        frames += scalabel_frames(tiny_sample.root, 'pose_21', f'pose_{split}.json')
    assert sum(len(frame.labels or []) for frame in frames) > 0
    config = official_config(data_dir, 'pose/pose_configs.toml')
    result = evaluate_pose(frames, as_predictions(frames), config, nproc=1).summary()
    assert result['AP'] == pytest.approx(100.0)


@pytest.mark.parametrize('split', SPLITS)
def test_official_segmentation_evaluation_accepts_the_labels(tiny_sample, data_dir, split):
    sem_seg = scalabel_frames(tiny_sample.root, 'sem_seg', 'rles', f'sem_seg_{split}.json')
    config = official_config(data_dir, 'sem_seg/sem_seg_configs.toml')
    assert evaluate_sem_seg(sem_seg, sem_seg, config, nproc=1).summary()['mIoU'] == 100.0
    drivable = scalabel_frames(tiny_sample.root, 'drivable', 'rles', f'drivable_{split}.json')
    config = Config(imageSize=ImageSize(width=1280, height=720),
                    categories=[Category(name=name) for name in DRIVABLE_CLASSES[:2]])
    assert evaluate_sem_seg(drivable, drivable, config, nproc=1).summary()['mIoU'] == 100.0


@pytest.mark.parametrize('split', SPLITS)
def test_official_tracking_evaluation_accepts_the_labels(tiny_sample, data_dir, split):
    videos = group_and_sort(map_ignored(scalabel_frames(tiny_sample.root, 'box_track_20', split)))
    predictions = [as_predictions(video) for video in videos]
    config = official_config(data_dir, 'det/det_configs.toml')
    result = evaluate_track(acc_single_video_mot, videos, predictions, config, nproc=1)
    assert tracking_scores(result) == PERFECT_TRACKING
    videos = group_and_sort(scalabel_frames(tiny_sample.root, 'seg_track_20', 'rles', split))
    predictions = [as_predictions(video) for video in videos]
    config = official_config(data_dir, 'ins_seg/ins_seg_configs.toml')
    result = evaluate_seg_track(acc_single_video_mots, videos, predictions, config, nproc=1)
    assert tracking_scores(result) == PERFECT_TRACKING


def test_official_panoptic_evaluation_accepts_the_labels(tiny_sample):
    bitmasks = osp.join(tiny_sample.root, 'labels', 'pan_seg', 'bitmasks', 'val')
    summary = evaluate_files('pan_seg', bitmasks, bitmasks).summary
    assert summary['PQ'] == summary['PQ/STUFF'] == summary['PQ/THING'] == pytest.approx(100.0)
