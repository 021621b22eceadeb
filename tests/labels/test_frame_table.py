"""FrameTable: det_20-like labels and ins_seg masks in arrays (no per-frame Python objects), rows
built on access."""
import gc
import json
import os.path as osp
import pickle
import sys

import numpy as np

from bdd100k_zoo.labels.box_frames import read_box_table
from bdd100k_zoo.labels.categories import DET_CLASSES, INS_SEG_CLASSES
from bdd100k_zoo.labels.frame_table import TableRows
from bdd100k_zoo.labels.mapping import CategoryMapper

sys.path.insert(0, osp.join(osp.dirname(__file__), '..', '..', 'benchmarks'))
import bench_labels  # noqa: E402  (benchmarks/ is not a package)


def test_a_det_file_becomes_arrays_without_python_objects_per_frame(tmp_path):
    path = str(tmp_path / 'det.json')
    boxes = bench_labels.write_det_file(path, 500)
    with open(path) as f:
        frames = json.load(f)
    gc.collect()
    before = len(gc.get_objects())
    table = read_box_table(path, CategoryMapper(DET_CLASSES))
    gc.collect()
    # only the few distinct attribute dicts are objects: frames and boxes live in arrays
    assert len(gc.get_objects()) - before < 2 * len(table.attribute_values) + 50
    assert len(table) == 500 and len(table.boxes) == boxes
    assert table.boxes.dtype == np.float64 and table.classes.dtype == np.int16
    index = 321
    labels = table.labels(index)
    assert table.names[index] == frames[index]['name']
    assert table.attributes(int(table.frame_attributes[index])) == frames[index]['attributes']
    expected = [[b['x1'], b['y1'], b['x2'] + 1, b['y2'] + 1]
                for b in (label['box2d'] for label in frames[index]['labels'])]
    assert table.boxes[labels].tolist() == expected
    assert [table.label_ids[i] for i in range(labels.start, labels.stop)] == [
        label['id'] for label in frames[index]['labels']]


def row_name(table, position):
    return {'name': table.names[position], 'position': position}


def test_rows_are_built_on_access_and_select_positions(tmp_path):
    path = tmp_path / 'labels.json'
    path.write_text(json.dumps([{'name': f'{i}.jpg'} for i in range(5)]))
    rows = TableRows(read_box_table(str(path), CategoryMapper(DET_CLASSES)), row_name)
    assert [row['name'] for row in rows] == [f'{i}.jpg' for i in range(5)]
    assert rows[-1] == {'name': '4.jpg', 'position': 4}
    picked = rows.take([3, 1])[1:]
    assert len(picked) == 1 and picked[0] == {'name': '1.jpg', 'position': 1}
    copied = pickle.loads(pickle.dumps(rows))  # as spawned dataloader workers receive it
    assert list(copied) == list(rows)


def test_rle_masks_are_one_buffer_and_string_slices_decode_at_once(data_dir):
    path = osp.join(data_dir, 'scalabel-eval/ins_seg/ins_seg_rle_sample.json')
    with open(path) as f:
        frames = json.load(f)
    frames = frames['frames'] if isinstance(frames, dict) else frames
    table = read_box_table(path, CategoryMapper(INS_SEG_CLASSES), 'rle')
    labels = [label for frame in frames for label in frame['labels'] if label.get('rle')]
    assert table.masks.blob.dtype == np.uint8 and len(table.masks) == len(labels)
    assert table.masks.slice(0, len(labels)) == [label['rle']['counts'] for label in labels]
    assert table.masks.slice(3, 3) == [] and table.masks.slice(2, 4) == [
        labels[2]['rle']['counts'], labels[3]['rle']['counts']]
    assert table.mask(0, 0) == labels[0]['rle']
