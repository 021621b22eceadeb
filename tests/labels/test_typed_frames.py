"""msgspec label reading (labels/typed_json.py, box_frames.py, frame_table.py): the same content as
scalabel's parser on real BDD100K labels, errors naming file, frame and field, and fuzzed input."""
import json
import os.path as osp

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scalabel.label.io import load

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.box_frames import read_box_table
from bdd100k_zoo.labels.categories import DET_CLASSES
from bdd100k_zoo.labels.mapping import CategoryMapper
from bdd100k_zoo.labels.typed_json import NamedFrame, decode_frames, read_dataset_frames

#: Real BDD100K box labels (a val video, 202 frames, 3241 boxes with crowd flags), person boxes
#: with pose graphs, and frame attributes, see tests/data/PROVENANCE.md.
BOX_FILES = ('scalabel-eval/box_track/track_sample_anns.json', 'scalabel-eval/pose/pose_sample.json')
TAGGING_FILE = 'scalabel-eval/tagging/tag_gts.json'
INS_SEG_FILE = 'scalabel-eval/ins_seg/ins_seg_rle_sample.json'
#: The fields the datasets read (Scalabel's format: scalabel.label.typing.Frame and Label).
FRAME_FIELDS = ('name', 'videoName', 'frameIndex', 'size', 'attributes', 'labels')
LABEL_FIELDS = ('id', 'category', 'attributes', 'box2d', 'rle', 'graph', 'score')
MAPPER = CategoryMapper(DET_CLASSES)


@pytest.mark.parametrize('name', BOX_FILES)
def test_box_table_holds_what_scalabel_reads(data_dir, name):
    path = osp.join(data_dir, name)
    table = read_box_table(path, MAPPER)
    frames = load(path).frames
    assert len(table) == len(frames)
    for index, frame in enumerate(frames):
        assert table.names[index] == frame.name
        assert table.attributes(int(table.frame_attributes[index])) == (frame.attributes or {})
        labels = [label for label in frame.labels or [] if label.box2d is not None]
        rows = range(table.offsets[index], table.offsets[index + 1])
        assert len(rows) == len(labels)
        for row, label in zip(rows, labels):
            box = label.box2d
            # scalabel's box2d corners are inclusive: OpenMMLab's right/bottom edge is one more
            assert table.boxes[row].tolist() == [box.x1, box.y1, box.x2 + 1, box.y2 + 1]
            assert DET_CLASSES[table.classes[row]] == label.category
            attributes = label.attributes or {}
            assert table.ignored[row] == bool(attributes.get('crowd'))
            assert table.attributes(int(table.label_attributes[row])) == attributes
            assert table.label_ids[row] == label.id
    assert table.sizes.tolist() == [[720, 1280]] * len(frames)


def test_named_frames_hold_what_scalabel_reads(data_dir):
    path = osp.join(data_dir, TAGGING_FILE)
    ours = [frame for _, frame in decode_frames(path, NamedFrame)]
    theirs = load(path).frames
    assert [(f.name, f.attributes) for f in ours] == [(f.name, f.attributes) for f in theirs]


def write(tmp_path, content):
    path = tmp_path / 'labels.json'
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


def box_frame(**box):
    return {'name': 'a.jpg', 'labels': [{'id': '9', 'category': 'car', 'box2d': box}]}


@pytest.mark.parametrize('content, message', [
    ('[{"name": "a.jpg"},\n {"name": "b.jpg", "labels": [', r'labels\.json: malformed JSON at '
     r'line 2 column 31: Input data was truncated'),
    ('[{"name": "a.jpg"},\n {"name": }]', r'labels\.json: malformed JSON at line 2 column 11'),
    (b'[{"name": "a\xff.jpg"}]', r'labels\.json: frame #0: .*UTF-8'),
    ('"frames"', r'labels\.json: expected a list of frames .*got `str`'),
    ('{"frames": 3}', r'labels\.json: expected a list of frames .*got `int` - at `\$\.frames`'),
    ('1e400', r'labels\.json: expected a list of frames'),
    ('[{"name": "a.jpg", "size": {"height": 1e400}}]', r'labels\.json: frame #0: Number out of '
     r'range'),
    ('[{"name": "a.jpg"}, {"labels": []}]', r'labels\.json: frame #1 is not an object with a '
     r'"name"'),
    ('[{"name": "a.jpg", "size": {"height": "720", "width": 1280}}]',
     r"labels\.json: frame 'a\.jpg': field size\.height: Expected `int`, got `str`"),
    (json.dumps([box_frame(x1=1, y1=2, x2='3', y2=4)]),
     r"labels\.json: frame 'a\.jpg', label id '9': field labels\[0\]\.box2d\.x2: Expected "
     r"`float`, got `str`"),
    (json.dumps([box_frame(x1=1, y1=2, x2=3)]),
     r"frame 'a\.jpg', label id '9': field labels\[0\]\.box2d: Object missing required field `y2`"),
    (json.dumps([box_frame(x1=10, y1=2, x2=3, y2=4)]),
     r"frame 'a\.jpg', label id '9': box2d has x2 < x1 - 1"),
    (json.dumps([{'name': 'a.jpg', 'videoName': 'v', 'frameIndex': 3,
                  'labels': [{'id': 5, 'category': 'unicorn', 'box2d': {}}]}]),
     r"frame 'a\.jpg' \(video 'v', frameIndex 3\), label id 5: field labels\[0\]\.box2d"),
    (json.dumps([{'name': 'a.jpg', 'labels': [{'id': '5', 'category': 'unicorn',
                                              'box2d': {'x1': 1, 'y1': 1, 'x2': 2, 'y2': 2}}]}]),
     r"frame 'a\.jpg', label id '5': unknown category 'unicorn'"),
    (json.dumps([{'name': 'a.jpg'}, {'name': 'a.jpg'}]), r"frame 'a\.jpg': duplicated frame"),
    ('[{"name": "a.jpg", "size": {"height": 720, "width": 0}}]',
     r"frame 'a\.jpg': size must be a height and width from 1 to \d+, got \[720, 0\]"),
    ('[{"name": "a.jpg", "size": {"height": 12345678901, "width": 1}}]',
     r"frame 'a\.jpg': size must be a height and width"),
    ('[{"name": "a.jpg", "labels": [3]}]',
     r"frame 'a\.jpg': field labels\[0\]: Expected `object`, got `int`"),
])
def test_errors_name_file_frame_and_field(tmp_path, content, message):
    with pytest.raises(LabelError, match=message):
        read_box_table(write(tmp_path, content), MAPPER)


def test_nan_is_refused_with_its_position(tmp_path):
    content = json.dumps([box_frame(x1=1, y1=2, x2=float('nan'), y2=4)])
    path = write(tmp_path, content)
    column = content.index('NaN') + 1
    with pytest.raises(LabelError, match=rf'line 1 column {column}: .*invalid character \(NaN '):
        read_box_table(path, MAPPER)


@pytest.mark.parametrize('name', BOX_FILES + (TAGGING_FILE, INS_SEG_FILE))
def test_dataset_frames_are_the_read_fields_of_the_file(data_dir, name):
    path = osp.join(data_dir, name)
    with open(path) as f:
        content = json.load(f)

    def kept(item, fields):
        return {key: value for key, value in item.items() if key in fields and value is not None}
    expected = []
    for frame in content['frames'] if isinstance(content, dict) else content:
        frame = kept(frame, FRAME_FIELDS)
        if 'labels' in frame:
            frame['labels'] = [kept(label, LABEL_FIELDS) for label in frame['labels']]
        expected.append(frame)
    assert read_dataset_frames(path) == expected


def test_dataset_frames_with_nan_are_read_by_pythons_json(tmp_path):
    frames = [{'name': 'a.jpg', 'labels': [{'id': '1', 'graph': {'nodes': [[float('nan')]]}}]}]
    read = read_dataset_frames(write(tmp_path, json.dumps(frames)))
    assert read[0]['name'] == 'a.jpg' and np.isnan(read[0]['labels'][0]['graph']['nodes'][0][0])


def test_frames_of_a_folder_and_of_an_object_with_frames(tmp_path):
    (tmp_path / 'b.json').write_text(json.dumps({'frames': [{'name': 'b.jpg'}], 'config': {}}))
    (tmp_path / 'a.json').write_text(json.dumps([box_frame(x1=1, y1=2, x2=3, y2=4)]))
    table = read_box_table(str(tmp_path), MAPPER)
    assert [table.names[i] for i in range(len(table))] == ['a.jpg', 'b.jpg']
    assert table.offsets.tolist() == [0, 1, 1]
    assert table.boxes.tolist() == [[1, 2, 4, 5]]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)
    | st.sampled_from(['car', 'a.jpg', 'box2d', 'labels', 'crowd']),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(['name', 'labels', 'box2d', 'category', 'attributes', 'size', 'x1', 'y1',
                         'x2', 'y2', 'id', 'frames', 'height', 'width', 'crowd']), children,
        max_size=6),
    max_leaves=25)


@settings(max_examples=100)
@given(st.binary(max_size=200) | JSON.map(lambda value: json.dumps(value).encode()))
def test_any_input_gives_a_table_or_a_label_error_naming_the_file(tmp_path_factory, content):
    path = str(tmp_path_factory.mktemp('fuzz') / 'labels.json')
    with open(path, 'wb') as f:
        f.write(content)
    try:
        table = read_box_table(path, MAPPER)
    except LabelError as err:
        assert str(err).startswith(path)
    else:
        assert len(table.offsets) == len(table) + 1
        assert len(table.boxes) == len(table.classes) == table.offsets[-1]
        assert np.all(table.boxes[:, 2:] >= table.boxes[:, :2])


ANY_VALUE = (st.none() | st.booleans() | st.integers()
             | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=3) | st.sampled_from(['car', 'other person', 'unicorn']))
NUMBER = st.integers(-2 ** 40, 2 ** 40) | st.floats(-1e6, 1e6) | ANY_VALUE
BOX = st.fixed_dictionaries({}, optional={key: NUMBER for key in ('x1', 'y1', 'x2', 'y2')})
LABEL = st.fixed_dictionaries({}, optional={
    'id': ANY_VALUE, 'category': ANY_VALUE, 'box2d': BOX | ANY_VALUE,
    'attributes': st.dictionaries(st.sampled_from(['crowd', 'ignored', 'occluded']), ANY_VALUE)
    | ANY_VALUE})
FRAME = st.fixed_dictionaries({'name': st.sampled_from(['a.jpg', 'b.jpg']) | ANY_VALUE}, optional={
    'size': st.fixed_dictionaries({'height': NUMBER, 'width': NUMBER}) | ANY_VALUE,
    'attributes': st.dictionaries(st.text(max_size=3), ANY_VALUE) | ANY_VALUE,
    'labels': st.lists(LABEL | ANY_VALUE, max_size=4) | ANY_VALUE})


@settings(max_examples=100)
@given(st.lists(FRAME, max_size=3))
def test_any_frames_give_a_table_or_a_label_error_naming_the_file(tmp_path_factory, frames):
    path = str(tmp_path_factory.mktemp('fuzz') / 'labels.json')
    with open(path, 'w') as f:
        json.dump(frames, f)
    try:
        table = read_box_table(path, MAPPER)
    except LabelError as err:
        assert str(err).startswith(path)
    else:
        assert len(table) == len(frames)
