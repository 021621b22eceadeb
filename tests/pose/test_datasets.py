"""BDD100KPoseDataset on the real pose_21 fixture, the generated sample, detections, bad input."""
import json
import os.path as osp

import numpy as np
import pytest
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmpose.registry import DATASETS

import bdd100k_zoo.pose  # noqa: F401  (registers the pose side)
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.boxes import box2d_to_xyxy
from bdd100k_zoo.labels.categories import (POSE_JOINTS, POSE_SIGMAS, POSE_SKELETON,
                                           pose_flip_pairs)
from bdd100k_zoo.labels.frames import read_frames
from bdd100k_zoo.pose.datasets import BDD100KPoseDataset

SAMPLE_CONFIG = 'pose/configs/pose/res18_128x96_pose_bdd100k_sample.py'


def dataset(ann_file, **kwargs):
    return BDD100KPoseDataset(ann_file=ann_file, check_images=False, **kwargs)


def test_metainfo_comes_from_the_zoo_class_list(pose_dir):
    meta = dataset(osp.join(pose_dir, 'pose_sample.json')).metainfo
    assert [meta['keypoint_id2name'][i] for i in range(18)] == list(POSE_JOINTS)
    assert np.allclose(meta['sigmas'], POSE_SIGMAS)
    assert meta['skeleton_links'] == [(POSE_JOINTS.index(a), POSE_JOINTS.index(b))
                                      for a, b in POSE_SKELETON]
    for left, right in pose_flip_pairs():
        assert meta['flip_indices'][left] == right and meta['flip_indices'][right] == left
    assert meta['flip_indices'][POSE_JOINTS.index('head')] == POSE_JOINTS.index('head')
    lower = [POSE_JOINTS[i] for i in meta['lower_body_ids']]
    assert sorted(lower) == sorted(j for j in POSE_JOINTS if j.split('_')[-1] in
                                   ('hip', 'knee', 'ankle', 'toe'))
    assert meta['classes'] == ('pedestrian',)
    assert np.all(meta['dataset_keypoint_weights'] == 1)


def test_reads_every_person_of_the_real_fixture(pose_dir):
    path = osp.join(pose_dir, 'pose_sample.json')
    data = dataset(path, data_prefix=dict(img='images/100k/val/'), test_mode=True)
    frames = read_frames(path)
    labels = [(index, frame, label) for index, frame in enumerate(frames)
              for label in frame['labels']]
    assert len(data) == len(labels) == 4
    assert data.metainfo['ann_file'] == path
    for person_id, (img_id, frame, label) in enumerate(labels):
        info = data.get_data_info(person_id)
        assert info['id'] == person_id and info['img_id'] == img_id
        assert info['img_path'] == osp.join('images/100k/val/', frame['name'])
        assert np.allclose(info['bbox'][0], box2d_to_xyxy(label['box2d']))
        locations = [node['location'] for node in label['graph']['nodes']]
        assert np.allclose(info['keypoints'][0], locations)
        # V and N joints are both labelled, as the official conversion to COCO has them
        assert {node['visibility'] for node in label['graph']['nodes']} <= {'V', 'N'}
        assert info['keypoints_visible'].tolist() == [[1.0] * 18]
        assert info['flip_indices'] == data.metainfo['flip_indices']


def test_trains_and_tests_on_the_generated_sample(tiny_sample):
    cfg = Config.fromfile(SAMPLE_CONFIG)
    for loader, split in (('train_dataloader', 'train'), ('val_dataloader', 'val')):
        with DefaultScope.overwrite_default_scope('mmpose'):
            data = DATASETS.build(dict(cfg[loader]['dataset'], data_root=tiny_sample))
        frames = read_frames(osp.join(tiny_sample, 'labels', 'pose_21', f'pose_{split}.json'))
        labels = [label for frame in frames for label in frame['labels']]
        assert len(data) == len(labels) > 0
        item = data[0]
        assert tuple(item['inputs'].shape) == (3, 128, 96)
        if split == 'train':
            assert tuple(item['data_samples'].gt_fields.heatmaps.shape) == (18, 32, 24)
        else:
            assert item['data_samples'].metainfo['input_size'] == (96, 128)


def write_json(path, content):
    with open(path, 'w') as f:
        json.dump(content, f)
    return str(path)


def test_detected_boxes_replace_the_labelled_ones_for_testing(tmp_path, pose_dir):
    path = osp.join(pose_dir, 'pose_sample.json')
    names = [frame['name'] for frame in read_frames(path)]
    box = {'x1': 10.0, 'y1': 20.0, 'x2': 49.0, 'y2': 119.0}
    detections = write_json(tmp_path / 'preds.json', [
        {'name': names[0], 'labels': [
            {'id': '0', 'category': 'pedestrian', 'box2d': box, 'score': 0.9},
            {'id': '1', 'category': 'car', 'box2d': box, 'score': 0.8},
            {'id': '2', 'category': 'pedestrian', 'box2d': box, 'score': 0.1}]},
        {'name': 'another-image.jpg', 'labels': [
            {'id': '0', 'category': 'pedestrian', 'box2d': box, 'score': 0.9}]}])
    data = dataset(path, bbox_file=detections, test_mode=True,
                   filter_cfg=dict(bbox_score_thr=0.3))
    assert len(data) == 1  # the car, the low score and the other image's box are left out
    info = data.get_data_info(0)
    assert info['img_path'] == names[0]
    assert np.allclose(info['bbox'][0], [10, 20, 50, 120])
    assert info['bbox_score'][0] == pytest.approx(0.9)
    assert not info['keypoints'].any() and info['keypoints_visible'].all()
    assert len(dataset(path, bbox_file=detections, test_mode=True)) == 2
    with pytest.raises(ValueError, match='test_mode'):
        dataset(path, bbox_file=detections)


def test_a_detection_file_of_other_images_is_refused(tmp_path, pose_dir):
    detections = write_json(tmp_path / 'preds.json', [{'name': 'elsewhere.jpg', 'labels': []}])
    with pytest.raises(LabelError, match='none of its frames'):
        dataset(osp.join(pose_dir, 'pose_sample.json'), bbox_file=detections, test_mode=True)


def set_node(field, value, index=3):
    def change(label):
        label['graph']['nodes'][index][field] = value
    return change


@pytest.mark.parametrize('change, message', [
    (set_node('category', 'nose'), "graph node #3 is 'nose', expected the joint 'right_elbow'"),
    (set_node('category', 'left_shoulder'), "expected the joint 'right_elbow'"),
    (lambda label: label['graph']['nodes'].pop(), 'has 18 nodes, one per joint, got 17'),
    (lambda label: label.pop('graph').pop('nodes') and label.update(graph={}),
     'has 18 nodes, one per joint, got None'),
    (set_node('location', [1.0, 'x']), 'needs a "location" of two finite numbers'),
    (set_node('location', [1.0, float('nan')]), 'needs a "location" of two finite numbers'),
    (set_node('visibility', 'X'), "visibility 'X'"),
    (lambda label: label.update(category='car'), "unknown category 'car'"),
    (lambda label: label.update(box2d=None), 'box2d must have numeric'),
])
def test_bad_labels_name_file_frame_and_label(tmp_path, pose_dir, change, message):
    frames = read_frames(osp.join(pose_dir, 'pose_sample.json'))
    label = frames[1]['labels'][0]
    change(label)
    path = write_json(tmp_path / 'pose_val.json', frames)
    with pytest.raises(LabelError) as error:
        dataset(path)
    text = str(error.value)
    assert path in text and repr(frames[1]['name']) in text and repr(label['id']) in text
    assert message in text


def test_malformed_json_and_missing_images_are_reported(tmp_path, pose_dir):
    path = tmp_path / 'pose_val.json'
    path.write_text('[{"name": "a.jpg", "labels": [')
    with pytest.raises(LabelError, match=f'{path}: malformed JSON'):
        dataset(str(path))
    with pytest.raises(LabelError, match="frame 'b1ca2e5d-84cf9134.jpg'.*image file not found"):
        BDD100KPoseDataset(ann_file=osp.join(pose_dir, 'pose_sample.json'),
                           data_prefix=dict(img=str(tmp_path)))


def test_only_top_down(pose_dir):
    with pytest.raises(ValueError, match='topdown'):
        dataset(osp.join(pose_dir, 'pose_sample.json'), data_mode='bottomup')
