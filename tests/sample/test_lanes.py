"""The sample's lane markings: both official forms written, and consistent with each other."""
import os
import os.path as osp

import numpy as np

from bdd100k_zoo.labels.categories import LANE_CATEGORIES, LANE_DIRECTIONS, LANE_STYLES
from bdd100k_zoo.labels.lane_drawing import draw_lane_mask
from bdd100k_zoo.labels.lanes import marking_pixels, read_lane_mask
from bdd100k_zoo.sample.camera import IMAGE_HEIGHT, IMAGE_WIDTH


def test_drawing_the_polygons_gives_the_masks(tiny_sample, read_labels):
    for split in ('train', 'val'):
        frames = read_labels(f'labels/lane/polygons/lane_{split}.json')
        images = sorted(os.listdir(osp.join(tiny_sample.root, 'images', '100k', split)))
        assert sorted(frame['name'] for frame in frames) == images
        for frame in frames:
            stem = osp.splitext(frame['name'])[0]
            mask = read_lane_mask(osp.join(tiny_sample.root, 'labels', 'lane', 'masks', split,
                                           f'{stem}.png'))
            assert mask.shape == (IMAGE_HEIGHT, IMAGE_WIDTH)
            assert marking_pixels(mask).any()
            np.testing.assert_array_equal(
                draw_lane_mask(frame['labels'], (IMAGE_HEIGHT, IMAGE_WIDTH)), mask)


def test_labels_use_the_official_names_and_are_counted(tiny_sample, read_labels):
    frames = read_labels('labels/lane/polygons/lane_train.json')
    labels = [label for frame in frames for label in frame['labels']]
    for label in labels:
        assert label['category'] in LANE_CATEGORIES
        assert label['attributes']['laneDirection'] in LANE_DIRECTIONS
        assert label['attributes']['laneStyle'] in LANE_STYLES
        poly2d, = label['poly2d']
        assert not poly2d['closed'] and set(poly2d['types']) == {'L'}
        assert len(poly2d['vertices']) == len(poly2d['types']) >= 2
    # every road has its curbs or edge lines and the lines between its lanes
    assert {'road curb', 'single white'} <= {label['category'] for label in labels}
    assert tiny_sample.counts['lane']['train'] == {'images': len(frames), 'labels': len(labels)}
