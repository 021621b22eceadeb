"""The polygon label files (ins_seg, sem_seg, drivable, pan_seg, seg_track_20): painted in file
order by Scalabel's own rasteriser (``frame_to_masks``, later labels over earlier ones, as the
official ``bdd100k.label.to_mask`` converts polygons), a frame's polygons give back its masks."""
import glob
import os.path as osp

import numpy as np
import pytest
from scalabel.label.transforms import frame_to_masks
from scalabel.label.typing import ImageSize, Poly2D

from bdd100k_zoo.labels.categories import DRIVABLE_CLASSES, SEM_SEG_CLASSES
from bdd100k_zoo.labels.masks import read_bitmask, read_class_mask
from bdd100k_zoo.labels.polygons import mask_poly2d

SIZE = ImageSize(width=1280, height=720)
#: Share of pixels the painted polygons must give back: a polygon holds no hole, so the pixels of
#: a gap inside an object (between a bicycle's wheels) take the object's value.
AGREEMENT = 0.99


def painted(labels, value_of, background):
    """The map the labels' polygons paint, in file order, over ``background``."""
    masks = frame_to_masks(SIZE, [[Poly2D(**poly) for poly in label['poly2d']]
                                  for label in labels])
    result = np.full((SIZE.height, SIZE.width), background, dtype=np.int64)
    for label, mask in zip(labels, masks):
        result[mask > 0] = value_of(label)
    return result


def png(root, task, kind, split, name):
    return osp.join(root, 'labels', task, kind, split, osp.splitext(name)[0] + '.png')


def test_each_part_of_a_mask_becomes_one_exact_polygon():
    mask = np.zeros((720, 1280), dtype=bool)
    mask[10:13, 20:25] = True  # a 5 x 3 block
    mask[100, 200] = True  # a single pixel
    polygons = mask_poly2d(mask)
    assert len(polygons) == 2 and all(poly['closed'] for poly in polygons)
    masks = frame_to_masks(SIZE, [[Poly2D(**poly) for poly in polygons]])
    np.testing.assert_array_equal(masks[0] > 0, mask)
    assert mask_poly2d(np.zeros((4, 4), dtype=bool)) == []


@pytest.mark.parametrize('task', ['ins_seg', 'pan_seg'])
def test_instance_polygons_paint_the_bitmask(tiny_sample, read_labels, task):
    frame = read_labels(f'labels/{task}/polygons/{task}_val.json')[0]
    bitmask = read_bitmask(png(tiny_sample.root, task, 'bitmasks', 'val', frame['name']))
    assert sorted(int(label['id']) for label in frame['labels']) == \
        bitmask.instance_ids().tolist()
    result = painted(frame['labels'], lambda label: int(label['id']), 0)
    assert (result == bitmask.instances).mean() >= AGREEMENT


@pytest.mark.parametrize('task, classes, background', [
    ('sem_seg', SEM_SEG_CLASSES, 255), ('drivable', DRIVABLE_CLASSES, 2)])
def test_class_polygons_paint_the_mask(tiny_sample, read_labels, task, classes, background):
    rles = read_labels(f'labels/{task}/rles/{task}_val.json')
    for frame, rle_frame in zip(read_labels(f'labels/{task}/polygons/{task}_val.json'), rles):
        assert frame['name'] == rle_frame['name']
        assert sorted(label['category'] for label in frame['labels']) == \
            sorted(label['category'] for label in rle_frame['labels'])
    frame = read_labels(f'labels/{task}/polygons/{task}_val.json')[0]
    mask = read_class_mask(png(tiny_sample.root, task, 'masks', 'val', frame['name']),
                           len(classes))
    result = painted(frame['labels'], lambda label: classes.index(label['category']), background)
    assert (result == mask).mean() >= AGREEMENT


def test_seg_track_polygons_paint_the_bitmasks(tiny_sample, read_labels):
    path = sorted(glob.glob(osp.join(tiny_sample.root, 'labels', 'seg_track_20', 'polygons',
                                     'val', '*.json')))[0]
    frames = read_labels(osp.relpath(path, tiny_sample.root))
    rles = read_labels(osp.relpath(path.replace('/polygons/', '/rles/'), tiny_sample.root))
    assert [frame['name'] for frame in frames] == [frame['name'] for frame in rles]
    frame = frames[-1]
    bitmask = read_bitmask(osp.join(tiny_sample.root, 'labels', 'seg_track_20', 'bitmasks', 'val',
                                    frame['videoName'], osp.splitext(frame['name'])[0] + '.png'))
    result = painted(frame['labels'], lambda label: int(label['id']), 0)
    assert (result == bitmask.instances).mean() >= AGREEMENT
