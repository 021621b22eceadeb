"""The tagging and lane (``poly2d``) dataset readers on mutated and damaged label files: a table
whose every row can be built (and every lane label drawn), or a LabelError naming the file."""
import json
import os.path as osp
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.lane_drawing import draw_lane_mask
from bdd100k_zoo.labels.lane_frames import read_lane_frames
from bdd100k_zoo.tagging.datasets import BDD100KTaggingDataset

#: Two frames as the official lane_<split>.json writes them (a line and a curve, attributes
#: given or left out).
LANE_FRAMES = [
    {'name': 'a.jpg', 'labels': [
        {'id': '1', 'category': 'road curb', 'manualShape': True,
         'attributes': {'laneDirection': 'parallel', 'laneStyle': 'solid',
                        'laneTypes': 'road curb'},
         'poly2d': [{'vertices': [[10.5, 40.0], [60.25, 38.0]], 'types': 'LL',
                     'closed': False}]},
        {'id': '2', 'category': 'single white',
         'poly2d': [{'vertices': [[5, 5], [20, 30], [40, 30], [62, 10]], 'types': 'LCCC',
                     'closed': False}]}]},
    {'name': 'b.jpg', 'attributes': {'weather': 'clear'}, 'labels': []}]


def read_or_named(content, name, read):
    """``read(path)`` of ``content`` written to a file ``name``, or ``None`` after a LabelError that
    names the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = osp.join(folder, name)
        with open(path, 'wb') as f:
            f.write(content)
        try:
            return read(path)
        except LabelError as error:
            assert path in str(error), str(error)
            return None


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_lane_files_give_drawable_labels_or_a_named_error(json_contents, data):
    table = read_or_named(data.draw(json_contents(LANE_FRAMES)), 'lane_val.json', read_lane_frames)
    for index in range(len(table) if table is not None else 0):
        draw_lane_mask(table.labels(index), (48, 64))


@pytest.mark.parametrize('attribute', ['weather', 'timeofday'])
def test_tagging_files_give_rows_or_a_named_error(data_dir, json_contents, attribute):
    with open(osp.join(data_dir, 'scalabel-eval/tagging/tag_gts.json')) as f:
        frames = json.load(f)[:4]

    def build(path):
        return BDD100KTaggingDataset(attribute, ann_file=path, check_images=False, pipeline=[])

    @settings(max_examples=60, deadline=None)
    @given(data=st.data())
    def check(data):
        dataset = read_or_named(data.draw(json_contents(frames)), 'tags.json', build)
        for index in range(len(dataset) if dataset is not None else 0):
            assert 0 <= dataset.get_data_info(index)['gt_label'] < len(dataset.metainfo['classes'])
    check()
