"""LaneFrames: poly2d lane labels kept as arrays (no Python objects per frame or label), labels
rebuilt on access with the fields the masks are drawn from, and bad labels named at load time."""
import gc
import json
import pickle
import random

import numpy as np
import pytest

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import LANE_CATEGORIES
from bdd100k_zoo.labels.lane_drawing import draw_lane_mask
from bdd100k_zoo.labels.lane_frames import read_lane_frames


def lane_file(tmp_path, frames):
    path = tmp_path / 'lane.json'
    path.write_text(json.dumps(frames))
    return str(path)


def random_frames(count, seed=0):
    """Frames shaped like the official lane_<split>.json (ids, laneTypes, manualShape, closed)."""
    rng = random.Random(seed)
    frames = []
    for index in range(count):
        labels = []
        for number in range(rng.randint(0, 6)):
            category = rng.choice(LANE_CATEGORIES)
            types = rng.choice(['LL', 'LCCC', 'LLL'])
            label = {'id': f'{index}-{number}', 'category': category, 'manualShape': True,
                     'poly2d': [{'vertices': [[rng.uniform(0, 64), rng.uniform(0, 48)]
                                              for _ in types], 'types': types, 'closed': False}]}
            if rng.random() < 0.8:  # some labels leave the attributes out
                label['attributes'] = {'laneDirection': rng.choice(['parallel', 'vertical']),
                                       'laneStyle': rng.choice(['solid', 'dashed']),
                                       'laneTypes': category}
            labels.append(label)
        frames.append({'name': f'{index:05d}.jpg', 'attributes': {'weather': 'clear'},
                       'labels': labels})
    return frames


def drawn_fields(label):
    """What the official converter draws from a label (missing attributes: parallel, solid)."""
    attributes = label.get('attributes') or {}
    return {'category': label['category'],
            'attributes': {'laneDirection': attributes.get('laneDirection', 'parallel'),
                           'laneStyle': attributes.get('laneStyle', 'solid')},
            'poly2d': [{'vertices': poly['vertices'], 'types': poly['types']}
                       for poly in label['poly2d']]}


def test_frames_become_arrays_and_labels_come_back_on_access(tmp_path):
    frames = random_frames(1000)
    path = lane_file(tmp_path, frames)
    gc.collect()
    before = len(gc.get_objects())
    table = read_lane_frames(path)
    gc.collect()
    # about 2500 labels, none of them kept as objects: only the few distinct styles are
    assert len(gc.get_objects()) - before < 2 * len(table.style_values) + 50
    assert len(table) == 1000 and table.vertices.dtype == np.float64
    for index in (0, 1, 417, 999):
        assert table.names[index] == frames[index]['name']
        assert table.labels(index) == [drawn_fields(label) for label in frames[index]['labels']]
    copied = pickle.loads(pickle.dumps(table))  # as spawned dataloader workers receive it
    assert copied.labels(417) == table.labels(417)


def test_the_rebuilt_labels_draw_the_masks_of_the_file(tmp_path):
    frames = random_frames(20, seed=3)
    table = read_lane_frames(lane_file(tmp_path, frames))
    for index, frame in enumerate(frames):
        np.testing.assert_array_equal(draw_lane_mask(table.labels(index), (48, 64)),
                                      draw_lane_mask(frame['labels'], (48, 64)))


def test_an_empty_file_and_frames_without_labels(tmp_path):
    assert len(read_lane_frames(lane_file(tmp_path, []))) == 0
    table = read_lane_frames(lane_file(tmp_path, [{'name': 'a.jpg'}, {'name': 'b.jpg',
                                                                       'labels': []}]))
    assert [table.labels(index) for index in range(2)] == [[], []]


LINE = {'vertices': [[1, 2], [3, 4]], 'types': 'LL'}


@pytest.mark.parametrize('label, message', [
    ({'category': 'zebra', 'poly2d': [LINE]}, "unknown lane category 'zebra'"),
    ({'category': 'road curb', 'attributes': {'laneStyle': 'dotted'}, 'poly2d': [LINE]},
     "unknown lane style 'dotted'"),
    ({'category': 'road curb'}, 'a lane label needs "poly2d"'),
    ({'category': 'road curb', 'poly2d': [dict(LINE, types='L')]},
     "one type .L/C. per vertex, got 2 vertices and types 'L'"),
    ({'category': 'road curb', 'poly2d': [dict(LINE, types='LX')]}, "types 'LX'"),
    ({'category': 'road curb', 'poly2d': [dict(LINE, vertices=[])]}, 'got 0 vertices'),
])
def test_labels_that_cannot_be_drawn_are_named(tmp_path, label, message):
    frames = [{'name': 'a.jpg', 'labels': [{'id': '1', 'category': 'road curb', 'poly2d': [LINE]}]},
              {'name': 'b.jpg', 'labels': [dict(label, id='7')]}]
    path = lane_file(tmp_path, frames)
    with pytest.raises(LabelError, match=message) as error:
        read_lane_frames(path)
    assert f"{path}: frame 'b.jpg', label id '7'" in str(error.value)


@pytest.mark.parametrize('poly2d, field', [
    ([{'vertices': [[1, 'x'], [3, 4]], 'types': 'LL'}], 'labels[0].poly2d[0].vertices[0][1]'),
    ([{'vertices': [[1, 2, 3]], 'types': 'L'}], 'labels[0].poly2d[0].vertices[0]'),
    ([{'vertices': [[1, 2]]}], 'labels[0].poly2d[0]'),
    ('LL', 'labels[0].poly2d'),
])
def test_fields_of_the_wrong_type_are_named(tmp_path, poly2d, field):
    path = lane_file(tmp_path, [{'name': 'b.jpg', 'labels': [{'id': '7', 'category': 'road curb',
                                                               'poly2d': poly2d}]}])
    with pytest.raises(LabelError) as error:
        read_lane_frames(path)
    assert f"{path}: frame 'b.jpg', label id '7': field {field}" in str(error.value)


def test_repeated_frames_and_malformed_json_are_named(tmp_path):
    path = lane_file(tmp_path, [{'name': 'a.jpg'}, {'name': 'a.jpg'}])
    with pytest.raises(LabelError, match=f"{path}: frame 'a.jpg': duplicated frame"):
        read_lane_frames(path)
    (tmp_path / 'bad.json').write_text('[{"name": "a.jpg", "labels": [')
    with pytest.raises(LabelError, match='bad.json: malformed JSON at line 1'):
        read_lane_frames(str(tmp_path / 'bad.json'))
