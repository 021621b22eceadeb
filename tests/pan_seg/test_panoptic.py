"""pan_seg label conventions: official bitmask <-> model labels <-> mmdet panoptic map."""
import os.path as osp

import numpy as np
import pytest
from mmdet.evaluation.functional import INSTANCE_OFFSET

from bdd100k_zoo.det.panoptic.conversion import (PAN_SEG_MODEL_CLASSES, bitmask_to_panoptic, official_ids,
                                      palette, panoptic_targets, panoptic_to_bitmask)
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import PAN_SEG_CLASSES, PAN_SEG_THING_CLASSES
from bdd100k_zoo.labels.masks import decode_bitmask, encode_bitmask, read_bitmask, read_png

CLASSES = PAN_SEG_MODEL_CLASSES


def label(name: str) -> int:
    return CLASSES.index(name)


def test_model_order_is_things_then_stuff_as_the_published_checkpoints():
    assert len(CLASSES) == 40 and set(CLASSES) == set(PAN_SEG_CLASSES)
    assert CLASSES[:10] == PAN_SEG_THING_CLASSES
    assert CLASSES[10:] == tuple(c for c in PAN_SEG_CLASSES if c not in PAN_SEG_THING_CLASSES)
    # the earlier zoo's BDD100KPanSegDataset.CLASSES begins person, rider, ..., truck, dynamic
    assert (CLASSES[0], CLASSES[9], CLASSES[10], CLASSES[39]) == ('person', 'truck', 'dynamic',
                                                                  'sky')
    ids = official_ids(CLASSES)
    assert ids[label('person')] == 31 and ids[label('truck')] == 40
    assert ids[label('dynamic')] == 1 and ids[label('sky')] == 30
    colors = palette(CLASSES)
    assert len(colors) == 40 and colors[label('road')] == (128, 64, 128)


def test_bitmask_to_panoptic_and_targets_of_a_hand_made_bitmask(hand_bitmask):
    bitmask = decode_bitmask(hand_bitmask)
    panoptic = bitmask_to_panoptic(bitmask, CLASSES, 'hand')
    void = len(CLASSES)
    assert panoptic[0, 0] == label('sky') and panoptic[39, 63] == label('road')
    assert panoptic[25, 10] == label('car') + 31 * INSTANCE_OFFSET
    assert panoptic[15, 45] == label('person') + 32 * INSTANCE_OFFSET
    assert panoptic[37, 5] == void

    targets = panoptic_targets(bitmask, CLASSES, 'hand')
    assert targets.labels.tolist() == [label('car'), label('person')]
    assert targets.ignore_flags.tolist() == [False, True]  # the crowd
    assert targets.bboxes.tolist() == [[5, 20, 20, 30], [40, 12, 50, 18]]
    assert targets.masks.shape == (2, 40, 64)
    assert targets.masks.sum(axis=(1, 2)).tolist() == [150, 60]
    assert targets.seg_map.dtype == np.uint8
    assert targets.seg_map[0, 0] == label('sky') and targets.seg_map[25, 10] == label('car')
    assert targets.seg_map[15, 45] == label('person') and targets.seg_map[37, 5] == 255


def test_a_bitmask_without_things_has_no_instances():
    categories = np.full((4, 6), PAN_SEG_CLASSES.index('road') + 1)
    bitmask = decode_bitmask(encode_bitmask(categories, categories, np.zeros_like(categories)))
    targets = panoptic_targets(bitmask, CLASSES, 'stuff only')
    assert targets.masks.shape == (0, 4, 6) and targets.bboxes.shape == (0, 4)
    assert (targets.seg_map == label('road')).all()


@pytest.mark.parametrize('stem', ['a', 'b'])
def test_official_bitmasks_survive_the_round_trip(data_dir, stem):
    path = osp.join(data_dir, 'bdd100k-eval', 'pan_seg', 'pred', f'{stem}.png')
    panoptic = bitmask_to_panoptic(read_bitmask(path), CLASSES, path)
    assert (panoptic_to_bitmask(panoptic, CLASSES) == read_png(path)).all()


def test_panoptic_to_bitmask_numbers_things_from_31_and_stuff_by_category():
    car, sky = label('car'), label('sky')
    panoptic = np.array([[car + 7 * INSTANCE_OFFSET, car + 2 * INSTANCE_OFFSET, sky, 40]])
    rgba = panoptic_to_bitmask(panoptic, CLASSES)
    bitmask = decode_bitmask(rgba)
    assert bitmask.categories.tolist() == [[35, 35, 30, 0]]
    assert bitmask.instances.tolist() == [[32, 31, 30, 0]]
    assert not bitmask.attributes.any()


def test_illegal_category_ids_name_the_file(hand_bitmask):
    hand_bitmask[0, 0, 0] = 41
    with pytest.raises(LabelError, match=r'bad\.png: illegal category ids \[41\]'):
        bitmask_to_panoptic(decode_bitmask(hand_bitmask), CLASSES, 'bad.png')


def test_an_instance_of_two_categories_names_the_file(hand_bitmask):
    hand_bitmask[20, 5, 0] = PAN_SEG_CLASSES.index('bus') + 1  # one pixel of instance 31
    with pytest.raises(LabelError, match=r'mixed\.png: instance 31 has pixels of several'):
        panoptic_targets(decode_bitmask(hand_bitmask), CLASSES, 'mixed.png')
