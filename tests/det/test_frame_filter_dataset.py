"""The det dataset's ``frame_filter``: the BDD100K paper's domain training sets (Table 4) on the
real fixtures, counted with a plain json read."""
import json
import os.path as osp

import pytest
from mmdet.registry import DATASETS

TAGS = 'scalabel-eval/tagging/tag_gts.json'
BOXES = 'scalabel-eval/box_track/track_sample_anns.json'


def frames(path):
    with open(path) as f:
        content = json.load(f)
    return content['frames'] if isinstance(content, dict) else content


def build(path, **kwargs):
    return DATASETS.build(dict(type='BDD100KDetDataset', ann_file=path, data_prefix=dict(img=''),
                               check_images=False, pipeline=[], **kwargs))


def names(dataset):
    return [dataset.get_data_info(i)['name'] for i in range(len(dataset))]


@pytest.mark.parametrize('frame_filter, attribute, value, inside', [
    (dict(include=dict(scene='city street')), 'scene', 'city street', True),
    (dict(exclude=dict(scene='city street')), 'scene', 'city street', False),
    (dict(include=dict(timeofday='daytime')), 'timeofday', 'daytime', True),
    (dict(exclude=dict(timeofday=['daytime'])), 'timeofday', 'daytime', False)])
def test_domain_training_sets(data_dir, frame_filter, attribute, value, inside):
    path = osp.join(data_dir, TAGS)
    expected = [frame['name'] for frame in frames(path)
                if (frame['attributes'][attribute] == value) == inside]
    dataset = build(path, frame_filter=frame_filter)
    assert names(dataset) == expected
    assert all((dataset.get_data_info(i)['attributes'][attribute] == value) == inside
               for i in range(len(dataset)))
    assert 0 < len(expected) < 10


def test_random_frames_then_the_empty_gt_filter(data_dir):
    path = osp.join(data_dir, BOXES)
    everything = frames(path)
    option = dict(num_frames=60, seed=1)
    dataset = build(path, frame_filter=option)
    chosen = names(dataset)
    assert len(chosen) == 60 == len(set(chosen))
    order = [frame['name'] for frame in everything]
    assert chosen == [name for name in order if name in set(chosen)]  # file order
    assert names(build(path, frame_filter=option)) == chosen
    assert names(build(path, frame_filter=dict(option, seed=2))) != chosen
    boxes = {frame['name']: frame.get('labels') or [] for frame in everything}
    with_boxes = build(path, frame_filter=option, filter_cfg=dict(filter_empty_gt=True))
    assert names(with_boxes) == [name for name in chosen if boxes[name]]
    assert [len(dataset.get_data_info(i)['instances']) for i in range(len(dataset))] == [
        len([label for label in boxes[name] if 'box2d' in label]) for name in chosen]


@pytest.mark.parametrize('path, frame_filter, kwargs, message', [
    (TAGS, dict(include=dict(scene='city')), {},
     r"tag_gts\.json: frame_filter\.include: scene values must be some of"),
    (TAGS, dict(exclude=dict(time='night')), {},
     r"tag_gts\.json: frame_filter\.exclude: unknown attribute 'time'"),
    (BOXES, dict(include=dict(scene='city street')), {},
     r'track_sample_anns\.json: frame_filter: no frame has the selected attributes'),
    (TAGS, dict(include=dict(scene='highway'), num_frames=30000), {},
     r'tag_gts\.json: frame_filter: num_frames=30000 but only 2 frames'),
    (TAGS, dict(num_frames=5), dict(test_mode=True),
     r"tag_gts\.json: frame_filter selects training frames.*slice_by")])
def test_errors_name_the_file_and_the_option(data_dir, path, frame_filter, kwargs, message):
    with pytest.raises(ValueError, match=message):
        build(osp.join(data_dir, path), frame_filter=frame_filter, **kwargs)
