"""Every field the datasets keep from the label files equals what scalabel's own parser reads from
the same real BDD100K files (det, ins_seg, pose, box_track, tagging; see tests/data/PROVENANCE.md).

The datasets read with msgspec (labels/typed_json.py, box_frames.py); scalabel with pydantic, an
independent parser. seg_track reads its RLE files through the same code as ins_seg and box_track
(no real seg_track JSON is among the fixtures).
"""
import os.path as osp

import numpy as np
import pytest
from scalabel.label.io import load

from bdd100k_zoo.labels.categories import (DET_CLASSES, INS_SEG_CLASSES, POSE_JOINTS,
                                           TAGGING_ATTRIBUTES, TRACK_CLASSES)

TRACK_FILE = 'scalabel-eval/box_track/track_sample_anns.json'
INS_SEG_FILE = 'scalabel-eval/ins_seg/ins_seg_rle_sample.json'
POSE_FILE = 'scalabel-eval/pose/pose_sample.json'
TAGGING_FILE = 'scalabel-eval/tagging/tag_gts.json'


def xyxy(box):
    """scalabel's inclusive box2d as an OpenMMLab box (one pixel more to the right and bottom)."""
    return [box.x1, box.y1, box.x2 + 1, box.y2 + 1]


def is_ignored(label):
    attributes = label.attributes or {}
    return int(bool(attributes.get('crowd')) or bool(attributes.get('ignored')))


def pixel_box(rle):
    """The OpenMMLab box of the pixels of a scalabel RLE, from the decoded mask."""
    from pycocotools import mask as mask_utils
    mask = mask_utils.decode({'counts': rle.counts.encode(), 'size': list(rle.size)})
    rows, cols = np.nonzero(mask)
    return [float(cols.min()), float(rows.min()), float(cols.max() + 1), float(rows.max() + 1)]


def check_box_instances(instances, labels, classes):
    assert len(instances) == len(labels)
    for instance, label in zip(instances, labels):
        assert instance['bbox'] == xyxy(label.box2d)
        assert classes[instance['bbox_label']] == label.category
        assert instance['ignore_flag'] == is_ignored(label)
        assert instance['label_id'] == label.id


def test_det_dataset(data_dir):
    from bdd100k_zoo.det.datasets import BDD100KDetDataset
    path = osp.join(data_dir, TRACK_FILE)
    dataset = BDD100KDetDataset(ann_file=path, check_images=False, pipeline=[],
                                data_prefix=dict(img='images'))
    frames = load(path).frames
    assert len(dataset) == len(frames)
    for index, frame in enumerate(frames):
        info = dataset.get_data_info(index)
        assert (info['img_id'], info['name']) == (index, frame.name)
        assert info['img_path'] == osp.join('images', frame.name)
        assert info['attributes'] == (frame.attributes or {})
        labels = [label for label in frame.labels if label.box2d is not None]
        check_box_instances(info['instances'], labels, DET_CLASSES)
        assert [inst['attributes'] for inst in info['instances']] == [
            label.attributes for label in labels]


def test_det_dataset_subsets_filters_and_class_ids(data_dir):
    from bdd100k_zoo.det.datasets import BDD100KDetDataset
    path = osp.join(data_dir, TRACK_FILE)
    frames = load(path).frames
    ignored = [frame.name for frame in frames
               if all(is_ignored(label) for label in frame.labels)]
    kept = BDD100KDetDataset(ann_file=path, check_images=False, pipeline=[],
                             filter_cfg=dict(filter_empty_gt=True), indices=[5, 2, 7])
    expected = [frame for frame in frames if frame.name not in ignored]
    assert [kept.get_data_info(i)['name'] for i in range(3)] == [
        expected[i].name for i in (5, 2, 7)]
    assert [kept.get_data_info(i)['img_id'] for i in range(3)] == [
        frames.index(expected[i]) for i in (5, 2, 7)]
    assert kept.get_cat_ids(0) == [DET_CLASSES.index(label.category)
                                   for label in expected[5].labels if not is_ignored(label)]
    subset = kept.get_subset(-2)
    assert [subset.get_data_info(i)['name'] for i in range(2)] == [
        expected[i].name for i in (2, 7)]


def test_ins_seg_dataset(data_dir):
    from bdd100k_zoo.det.ins_seg_dataset import BDD100KInsSegDataset
    path = osp.join(data_dir, INS_SEG_FILE)
    dataset = BDD100KInsSegDataset(ann_file=path, check_images=False, pipeline=[])
    frames = load(path).frames
    assert len(dataset) == len(frames)
    for index, frame in enumerate(frames):
        info = dataset.get_data_info(index)
        assert (info['img_id'], info['name']) == (index, frame.name)
        size = (frame.size.height, frame.size.width) if frame.size else (720, 1280)  # 720p
        assert (info['height'], info['width']) == size
        assert info['attributes'] == (frame.attributes or {})
        labels = [label for label in frame.labels if label.rle is not None]
        assert len(info['instances']) == len(labels) > 0
        for instance, label in zip(info['instances'], labels):
            assert instance['mask'] == {'counts': label.rle.counts, 'size': list(label.rle.size)}
            assert instance['bbox'] == pixel_box(label.rle)
            assert INS_SEG_CLASSES[instance['bbox_label']] == label.category
            assert instance['ignore_flag'] == is_ignored(label)
            assert instance['label_id'] == label.id
            assert instance['attributes'] == (label.attributes or {})


def test_pose_dataset(data_dir):
    from bdd100k_zoo.pose.datasets import BDD100KPoseDataset
    path = osp.join(data_dir, POSE_FILE)
    dataset = BDD100KPoseDataset(ann_file=path, check_images=False, pipeline=[],
                                 data_prefix=dict(img='images'))
    people = [(frame, label) for frame in load(path).frames for label in frame.labels
              if label.graph is not None and not is_ignored(label)]
    assert len(dataset) == len(people) > 0
    for index, (frame, label) in enumerate(people):
        info = dataset.get_data_info(index)
        assert info['img_path'] == osp.join('images', frame.name)
        # mmpose keeps boxes and joints as float32
        assert np.array_equal(info['bbox'], np.array([xyxy(label.box2d)], dtype=np.float32))
        assert [node.category for node in label.graph.nodes] == list(POSE_JOINTS)
        expected = np.array([node.location for node in label.graph.nodes], dtype=np.float32)
        assert np.array_equal(info['keypoints'][0], expected)


def test_box_track_dataset(data_dir):
    from bdd100k_zoo.track.datasets import BDD100KBoxTrackDataset
    path = osp.join(data_dir, TRACK_FILE)
    dataset = BDD100KBoxTrackDataset(ann_file=path, check_images=False, test_mode=True,
                                     pipeline=[], data_prefix=dict(img='images'))
    frames = sorted(load(path).frames, key=lambda frame: frame.frameIndex)
    video = dataset.get_data_info(0)
    assert len(dataset) == 1 and video['video_name'] == frames[0].videoName
    assert len(video['images']) == len(frames) == 202
    tracks = {}
    for image, frame in zip(video['images'], frames):
        assert (image['name'], image['frame_index']) == (frame.name, frame.frameIndex)
        assert image['img_path'] == osp.join('images', frame.videoName, frame.name)
        check_box_instances(image['instances'], frame.labels, TRACK_CLASSES)
        for instance, label in zip(image['instances'], frame.labels):
            assert tracks.setdefault(label.id, instance['instance_id']) == instance['instance_id']
    assert sorted(tracks.values()) == list(range(1, len(tracks) + 1))


@pytest.mark.parametrize('attribute', sorted(TAGGING_ATTRIBUTES))
def test_tagging_dataset(data_dir, attribute):
    from bdd100k_zoo.tagging.datasets import BDD100KTaggingDataset
    path = osp.join(data_dir, TAGGING_FILE)
    dataset = BDD100KTaggingDataset(attribute, ann_file=path, check_images=False, pipeline=[],
                                    data_prefix='images')
    frames = load(path).frames
    assert len(dataset) == len(frames)
    classes = TAGGING_ATTRIBUTES[attribute]
    for index, frame in enumerate(frames):
        info = dataset.get_data_info(index)
        assert (info['name'], info['img_path']) == (frame.name, osp.join('images', frame.name))
        assert classes[info['gt_label']] == frame.attributes[attribute]
    assert [classes[label] for label in dataset.get_gt_labels()] == [
        frame.attributes[attribute] for frame in frames]
