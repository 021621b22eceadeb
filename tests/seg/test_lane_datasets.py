"""The lane dataset reads both official lane label forms (mask PNGs, poly2d JSON) of the generated
sample into the same masks, pairs them with the drivable masks, and names bad files."""
import json
import os
import os.path as osp

import numpy as np
import pytest
from mmseg.registry import DATASETS
from PIL import Image

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import LANE_ATTRIBUTES, LANE_CATEGORIES
from bdd100k_zoo.labels.lanes import read_lane_mask
from bdd100k_zoo.labels.masks import read_png

PIPELINE = [dict(type='LoadImageFromFile'), dict(type='BDD100KLoadLaneAnnotations'),
            dict(type='BDD100KPackLaneInputs', meta_keys=('name', 'lane_map_path'))]


def build(root, **kwargs):
    return DATASETS.build(dict(type='BDD100KLaneDataset', data_root=root, split='val',
                               pipeline=PIPELINE, **kwargs))


def test_both_label_forms_give_the_official_masks(tiny_sample):
    from_masks, from_polygons = build(tiny_sample), build(tiny_sample, lane_source='polygons')
    assert from_masks.metainfo['classes'] == LANE_CATEGORIES
    assert from_masks.metainfo['attributes'] == LANE_ATTRIBUTES
    assert len(from_masks) == len(from_polygons) == 3
    for index in range(len(from_masks)):
        sample = from_masks[index]['data_samples']
        drawn = from_polygons[index]['data_samples']
        stem = osp.splitext(sample.name)[0]
        official = read_lane_mask(osp.join(tiny_sample, 'labels', 'lane', 'masks', 'val',
                                           f'{stem}.png'))
        np.testing.assert_array_equal(sample.gt_lane_map.data[0].numpy(), official)
        np.testing.assert_array_equal(drawn.gt_lane_map.data[0].numpy(), official)
        assert 'gt_sem_seg' not in sample


def test_with_drivable_pairs_each_image_with_its_drivable_mask(tiny_sample):
    dataset = build(tiny_sample, with_drivable=True)
    for index in range(len(dataset)):
        sample = dataset[index]['data_samples']
        stem = osp.splitext(sample.name)[0]
        drivable = read_png(osp.join(tiny_sample, 'labels', 'drivable', 'masks', 'val',
                                     f'{stem}.png'))
        np.testing.assert_array_equal(sample.gt_sem_seg.data[0].numpy(), drivable)
        assert sample.gt_lane_map.shape == drivable.shape


def test_a_lane_mask_of_the_wrong_size_is_named(make_split, tmp_path):
    root = make_split('drivable', {'a': np.zeros((8, 12), np.uint8)})
    lane_dir = tmp_path / 'labels' / 'lane' / 'masks' / 'val'
    lane_dir.mkdir(parents=True)
    Image.fromarray(np.full((8, 10), 255, np.uint8)).save(lane_dir / 'a.png')
    with pytest.raises(LabelError, match=r'a\.png: lane mask is 8x10'):
        build(root)[0]


def test_missing_lane_masks_and_unknown_sources_are_refused(make_split):
    root = make_split('drivable', {'a': np.zeros((8, 12), np.uint8)})
    with pytest.raises(FileNotFoundError, match='labels/lane/masks/val'):
        build(root)
    with pytest.raises(ValueError, match='lane_source'):
        build(root, lane_source='rles')


def write_polygons(root, frames):
    folder = osp.join(root, 'labels', 'lane', 'polygons')
    os.makedirs(folder, exist_ok=True)
    with open(osp.join(folder, 'lane_val.json'), 'w') as f:
        json.dump(frames, f)
    return osp.join(folder, 'lane_val.json')


CURB = {'id': '3', 'category': 'road curb', 'attributes': {'laneStyle': 'dashed'},
        'poly2d': [{'vertices': [[1, 4], [10, 4]], 'types': 'LL', 'closed': False}]}


def test_poly2d_labels_are_drawn_per_image_and_images_without_a_frame_have_none(make_split):
    root = make_split('drivable', {'a': np.zeros((8, 12), np.uint8),
                                   'b': np.zeros((8, 12), np.uint8)})
    write_polygons(root, [{'name': 'a.jpg', 'labels': [CURB]}, {'name': 'other.jpg'}])
    dataset = build(root, lane_source='polygons')
    masks = {dataset[i]['data_samples'].name: dataset[i]['data_samples'].gt_lane_map.data[0]
             for i in range(2)}
    # road curb (4) + dashed (1 << 4), as bdd100k's to_mask encodes it; the rest background
    assert sorted(np.unique(masks['a.jpg'].numpy()).tolist()) == [20, 255]
    assert (masks['b.jpg'] == 255).all()
    assert dataset.get_data_info(0)['lane_labels'][0]['category'] == 'road curb'
    assert 'lane_frame' not in dataset.get_data_info(0)


def test_poly2d_labels_that_cannot_be_drawn_are_named_when_building(make_split):
    root = make_split('drivable', {'a': np.zeros((8, 12), np.uint8)})
    path = write_polygons(root, [{'name': 'a.jpg', 'labels': [dict(CURB, category='kerb')]}])
    with pytest.raises(LabelError, match=f"{path}: frame 'a.jpg', label id '3': unknown lane "
                                         f"category 'kerb'"):
        build(root, lane_source='polygons')
