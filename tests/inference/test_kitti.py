"""Every image task end to end on real KITTI frames: a model trained a few iterations on the tiny
sample (tools/train.py's way), ``bdd100k-zoo infer`` on the frames, outputs checked in the official
format (read back with scalabel's loader), visuals and masks at the input size."""
import json
import os
import os.path as osp

import numpy as np
import pytest
import torch
from PIL import Image
from scalabel.label.io import load

from bdd100k_zoo.cli import main
from bdd100k_zoo.evaluation.segmentation import SEG_CLASSES
from bdd100k_zoo.inference import InferenceError, infer
from bdd100k_zoo.labels.boxes import xyxy_to_box2d
from bdd100k_zoo.labels.categories import (DET_CLASSES, INS_SEG_CLASSES, POSE_CATEGORY,
                                           POSE_JOINTS, TAGGING_ATTRIBUTES)
from bdd100k_zoo.labels.masks import IGNORE_INDEX, rle_decode
from bdd100k_zoo.runtime.checkpoint import safe_load
from bdd100k_zoo.zoo.publish import strip_checkpoint

#: (width, height) of the KITTI frames.
SIZES = {'000000.png': (1224, 370), '000001.png': (1242, 375)}
TASKS = ('det', 'ins_seg', 'sem_seg', 'drivable', 'tagging', 'pose')


def inside(box, size):
    """Whether a box2d lies in an image of ``size`` (width, height), box2d corners being inclusive
    pixel coordinates (BDD100K's convention: the last column is ``width - 1``, a box covers
    ``x2 - x1 + 1 >= 0`` pixels, under one pixel wide when ``x2 < x1``)."""
    width, height = size
    return (0 <= box['x1'] <= box['x2'] + 1 <= width
            and 0 <= box['y1'] <= box['y2'] + 1 <= height)


def test_inside_follows_the_inclusive_convention():
    size = (10, 5)
    assert inside({'x1': 0, 'y1': 0, 'x2': 9, 'y2': 4}, size)  # the whole image
    assert inside({'x1': 3.5, 'y1': 2, 'x2': 3.0, 'y2': 2}, size)  # half a pixel wide
    assert not inside({'x1': 0, 'y1': 0, 'x2': 10, 'y2': 4}, size)  # one column past the edge
    assert not inside({'x1': 0, 'y1': 0, 'x2': 9, 'y2': 5}, size)
    assert not inside({'x1': -0.5, 'y1': 0, 'x2': 9, 'y2': 4}, size)


def check_boxes(frame, classes):
    assert frame['labels'], 'score_thr 0 keeps the detector\'s top-scored boxes'
    for label in frame['labels']:
        assert label['category'] in classes and 0 <= label['score'] <= 1
        assert inside(label['box2d'], SIZES[frame['name']]), label['box2d']


def check_det(frame, out):
    check_boxes(frame, DET_CLASSES)


def check_ins_seg(frame, out):
    check_boxes(frame, INS_SEG_CLASSES)
    width, height = SIZES[frame['name']]
    assert frame['size'] == {'height': height, 'width': width}
    claimed = np.zeros((height, width), dtype=int)
    for label in frame['labels']:
        claimed += rle_decode(label['rle'])
    assert claimed.max() <= 1, 'instance masks do not overlap'


def check_tagging(frame, out):
    assert not frame.get('labels')
    assert list(frame['attributes']) == ['weather']
    assert frame['attributes']['weather'] in TAGGING_ATTRIBUTES['weather']


def check_pose(frame, out):
    width, height = SIZES[frame['name']]
    [label] = frame['labels']  # the whole image is one person box
    assert label['category'] == POSE_CATEGORY
    assert label['box2d'] == xyxy_to_box2d([0, 0, width, height])
    assert [node['category'] for node in label['graph']['nodes']] == list(POSE_JOINTS)


def check_masks(frame, out, task):
    with Image.open(out / 'masks' / frame['name']) as png:
        assert png.mode == 'L' and png.size == SIZES[frame['name']]
        mask = np.array(png)
    classes = SEG_CLASSES[task]
    legal = set(range(3 if task == 'drivable' else len(classes))) | {IGNORE_INDEX}
    assert set(np.unique(mask)) <= legal
    for label in frame['labels']:  # the RLE frame holds the very same pixels
        index = classes.index(label['category'])
        assert np.array_equal(rle_decode(label['rle']).astype(bool), mask == index)
    assert {label['category'] for label in frame['labels']} == {
        classes[value] for value in np.unique(mask) if value < len(classes)}


CHECKS = {'det': check_det, 'ins_seg': check_ins_seg, 'tagging': check_tagging,
          'pose': check_pose,
          'sem_seg': lambda frame, out: check_masks(frame, out, 'sem_seg'),
          'drivable': lambda frame, out: check_masks(frame, out, 'drivable')}


def mmdet_boxes(config, checkpoint, image):
    """mmdet's own inference (``mmdet.apis``, not our export): ``(score, [x1, y1, x2, y2])`` pairs,
    OpenMMLab's exclusive right/bottom corners, in the original image's pixels."""
    from mmdet.apis import inference_detector, init_detector
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmdet'):
        model = init_detector(config, checkpoint, device='cpu')
        pred = inference_detector(model, image).pred_instances
    return list(zip(pred.scores.tolist(), pred.bboxes.tolist()))


@pytest.mark.slow
def test_exported_boxes_are_mmdets_with_inclusive_corners(trained, sample_config, kitti_dir,
                                                          tmp_path):
    """box2d = mmdet's [x1, y1, x2, y2) with x2 and y2 one pixel less (not mmdet's numbers as they
    are, which would put a box at the right border one column outside the image)."""
    config, checkpoint = sample_config('det'), trained.checkpoint('det')
    summary = infer(config, checkpoint, [kitti_dir], str(tmp_path / 'out'), score_thr=0.05)
    with open(summary.preds_file) as f:
        frames = {frame['name']: frame for frame in json.load(f)}
    for name in SIZES:
        expected = sorted(mmdet_boxes(config, checkpoint, osp.join(kitti_dir, name)))
        exported = sorted((label['score'], [label['box2d'][k] for k in ('x1', 'y1', 'x2', 'y2')])
                          for label in frames[name]['labels'])
        assert len(exported) == len(expected) > 0, name
        for (score, box2d), (mm_score, (x1, y1, x2, y2)) in zip(exported, expected):
            assert score == pytest.approx(mm_score, abs=1e-4)
            assert box2d == pytest.approx([x1, y1, x2 - 1, y2 - 1], abs=1e-2), name


@pytest.mark.slow
@pytest.mark.parametrize('task', TASKS)
def test_checkpoint_carries_class_names_and_palette(trained, task):
    meta = safe_load(trained.checkpoint(task))['meta']['dataset_meta']
    assert meta['classes'] and len(meta['palette']) == len(meta['classes'])


@pytest.mark.slow
@pytest.mark.parametrize('task', TASKS)
def test_trained_model_predicts_kitti_frames(trained, sample_config, kitti_dir, tmp_path, task):
    out = tmp_path / 'out'
    code = main(['infer', sample_config(task), trained.checkpoint(task), kitti_dir,
                 '--out', str(out), '--score-thr', '0', '--batch-size', '2'])
    assert code == 0
    expected = ['masks', 'preds.json', 'visuals'] if task in ('sem_seg', 'drivable') else [
        'preds.json', 'visuals']
    assert sorted(os.listdir(out)) == expected
    assert [frame.name for frame in load(str(out / 'preds.json')).frames] == list(SIZES)
    with open(out / 'preds.json') as f:
        frames = json.load(f)
    for frame in frames:
        CHECKS[task](frame, out)
    assert sorted(os.listdir(out / 'visuals')) == ['000000.jpg', '000001.jpg']
    for name, size in SIZES.items():
        with Image.open(out / 'visuals' / name.replace('.png', '.jpg')) as visual:
            assert visual.format == 'JPEG' and visual.size == size


def person_boxes_file(path):
    """A detection file: two confident pedestrians and a weak one on 000000.png, a car (not a
    person), nothing on 000001.png, and a frame of another image."""
    def label(category, xyxy, score):
        return {'category': category, 'box2d': xyxy_to_box2d(xyxy), 'score': score}
    frames = [
        {'name': '000000.png', 'labels': [
            label('pedestrian', [730, 140, 810, 310], 0.9),
            label('pedestrian', [100, 150, 160, 290], 0.8),
            label('pedestrian', [400, 150, 450, 250], 0.1),
            label('car', [900, 150, 1100, 300], 0.95)]},
        {'name': '000001.png', 'labels': []},
        {'name': 'elsewhere.png', 'labels': [label('pedestrian', [0, 0, 50, 100], 0.9)]},
    ]
    path.write_text(json.dumps(frames))
    return frames


@pytest.mark.slow
def test_pose_on_the_person_boxes_of_a_detection_file(trained, sample_config, kitti_dir,
                                                      tmp_path):
    frames = person_boxes_file(tmp_path / 'boxes.json')
    summary = infer(sample_config('pose'), trained.checkpoint('pose'), [kitti_dir],
                    str(tmp_path / 'out'), score_thr=0.5, person_boxes=str(tmp_path / 'boxes.json'))
    assert summary.task == 'pose' and summary.images == 2
    predicted = {frame.name: frame.labels or [] for frame in load(summary.preds_file).frames}
    assert list(predicted) == list(SIZES)
    assert not predicted['000001.png']
    confident = [label['box2d'] for label in frames[0]['labels'][:2]]
    boxes = [label.box2d.dict() for label in predicted['000000.png']]
    assert len(boxes) == 2 and all(box in boxes for box in confident)


@pytest.mark.slow
def test_person_boxes_of_other_images_are_refused(trained, sample_config, kitti_dir, tmp_path):
    (tmp_path / 'boxes.json').write_text(json.dumps([{'name': 'elsewhere.png', 'labels': []}]))
    with pytest.raises(InferenceError, match="none of its frames \\(e.g. 'elsewhere.png'\\)"):
        infer(sample_config('pose'), trained.checkpoint('pose'), [kitti_dir],
              str(tmp_path / 'out'), person_boxes=str(tmp_path / 'boxes.json'))


@pytest.mark.slow
def test_images_of_other_shapes_share_no_batch(trained, sample_config, kitti_dir, tmp_path):
    # mmseg batches equal shapes only: a square crop of a frame resizes to another input shape
    with Image.open(osp.join(kitti_dir, '000000.png')) as frame:
        frame.crop((0, 0, 370, 370)).save(tmp_path / 'square.png')
    out = tmp_path / 'out'
    summary = infer(sample_config('sem_seg'), trained.checkpoint('sem_seg'),
                    [kitti_dir, str(tmp_path / 'square.png')], str(out), batch_size=3)
    assert summary.images == 3
    sizes = dict(SIZES, **{'square.png': (370, 370)})
    for name, size in sizes.items():
        with Image.open(out / 'masks' / name) as mask:
            assert mask.size == size


@pytest.mark.slow
@pytest.mark.parametrize('task', ['tagging', 'pose'])
def test_published_checkpoints_run_with_the_rest_of_the_meta_from_the_config(
        trained, sample_config, kitti_dir, tmp_path, task):
    # publishing keeps classes and palette only: the tagged attribute and the joints' flip
    # indices come from the config's dataset
    published = strip_checkpoint(safe_load(trained.checkpoint(task)), 'sample', task)
    assert set(published['meta']['dataset_meta']) == {'classes', 'palette'}
    torch.save(published, tmp_path / 'published.pth')
    summary = infer(sample_config(task), str(tmp_path / 'published.pth'), [kitti_dir],
                    str(tmp_path / 'out'))
    with open(summary.preds_file) as f:
        for frame in json.load(f):
            CHECKS[task](frame, tmp_path / 'out')
