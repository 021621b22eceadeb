"""The single class lists agree with the real BDD100K label files."""
import json
import os.path as osp

from bdd100k_zoo.labels.categories import (DET_CLASSES, INS_SEG_CLASSES, POSE_JOINTS,
                                           POSE_SKELETON, pose_flip_pairs)
from bdd100k_zoo.labels.mapping import CategoryMapper


def test_pose_joints_and_skeleton_are_those_of_the_released_pose_21_graphs(data_dir):
    with open(osp.join(data_dir, 'scalabel-eval', 'pose', 'pose_sample.json')) as f:
        frames = json.load(f)
    for frame in frames:
        for label in frame['labels']:
            nodes = label['graph']['nodes']
            assert [node['category'] for node in nodes] == list(POSE_JOINTS)
            names = {node['id']: node['category'] for node in nodes}
            edges = [(names[e['source']], names[e['target']]) for e in label['graph']['edges']]
            assert edges == list(POSE_SKELETON)


def test_flip_pairs_mirror_every_sided_joint():
    pairs = pose_flip_pairs()
    assert len(pairs) == 8
    for left, right in pairs:
        assert POSE_JOINTS[left].replace('left_', '') == POSE_JOINTS[right].replace('right_', '')


def test_category_mapping_follows_the_official_configs():
    mapper = CategoryMapper(DET_CLASSES)
    assert mapper('car') == ('car', 2, False)
    assert mapper('bike') == ('bicycle', 7, False)
    assert mapper('other person') == ('pedestrian', 0, True)
    assert mapper('trailer') == ('truck', 3, True)
    assert mapper('tree') is None
    assert CategoryMapper(INS_SEG_CLASSES)('traffic light') is None
