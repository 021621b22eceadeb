"""The ``frame_filter`` option: domains by frame attributes, a seeded random number of frames,
and errors naming the label file and the option."""
import json
import os.path as osp

import numpy as np
import pytest

from bdd100k_zoo.labels.frame_filter import FrameFilter, parse_frame_filter

TAGS = 'scalabel-eval/tagging/tag_gts.json'


def attribute_sets(data_dir):
    """The frame attributes of the real tagging fixture (10 val frames), read with plain json."""
    with open(osp.join(data_dir, TAGS)) as f:
        return [frame.get('attributes') for frame in json.load(f)]


@pytest.mark.parametrize('option, expected', [
    (dict(include=dict(scene='city street')), lambda a: a['scene'] == 'city street'),
    (dict(exclude=dict(scene=['city street'])), lambda a: a['scene'] != 'city street'),
    (dict(include=dict(timeofday=['daytime'])), lambda a: a['timeofday'] == 'daytime'),
    (dict(exclude=dict(timeofday='daytime')), lambda a: a['timeofday'] != 'daytime'),
    (dict(include=dict(weather=['clear', 'rainy']), exclude=dict(scene='highway')),
     lambda a: a['weather'] in ('clear', 'rainy') and a['scene'] != 'highway'),
    ({}, lambda a: True)])
def test_domains_of_the_real_fixture(data_dir, option, expected):
    sets = attribute_sets(data_dir)
    kept = parse_frame_filter(option, TAGS).select(sets)
    assert kept.tolist() == [i for i, attributes in enumerate(sets) if expected(attributes)]


def test_table_codes_select_the_same_frames(data_dir):
    sets = attribute_sets(data_dir)
    distinct = [dict(item) for item in {json.dumps(s, sort_keys=True): s for s in sets}.values()]
    codes = np.array([distinct.index(s) for s in sets])
    chosen = parse_frame_filter(dict(exclude=dict(timeofday='daytime')), TAGS)
    assert chosen.select(distinct, codes).tolist() == chosen.select(sets).tolist() == [
        1, 2, 4, 5, 7, 9]


def test_frames_without_the_attribute_are_in_neither_domain():
    sets = [{'scene': 'highway'}, {}, None, {'weather': 'clear'}, {'scene': ['highway']}]
    assert FrameFilter(include={'scene': frozenset({'highway'})}).select(sets).tolist() == [0]
    with pytest.raises(ValueError, match='no frame has the selected attributes'):
        FrameFilter(exclude={'scene': frozenset({'highway'})}).select(sets)


def test_random_frames_are_a_seeded_subset_in_file_order():
    sets = [{'timeofday': 'night' if i % 3 else 'daytime'} for i in range(300)]
    option = dict(exclude=dict(timeofday='daytime'), num_frames=50, seed=3)
    kept = parse_frame_filter(option, 'x.json').select(sets)
    assert len(kept) == 50 and len(set(kept.tolist())) == 50
    assert (np.diff(kept) > 0).all() and all(i % 3 for i in kept)
    assert kept.tolist() == parse_frame_filter(option, 'x.json').select(sets).tolist()
    other = parse_frame_filter(dict(option, seed=4), 'x.json').select(sets)
    assert other.tolist() != kept.tolist()
    everything = parse_frame_filter(dict(option, num_frames=200), 'x.json').select(sets)
    assert everything.tolist() == [i for i in range(300) if i % 3]


@pytest.mark.parametrize('option, message', [
    (dict(include=dict(weathr='clear')),
     r"labels/a\.json: frame_filter\.include: unknown attribute 'weathr' \(expected one of "
     r"weather, scene, timeofday\)"),
    (dict(exclude=dict(scene='city')),
     r"labels/a\.json: frame_filter\.exclude: scene values must be some of .*city street.*, "
     r"got \['city'\]"),
    (dict(include=dict(scene=[])), r"frame_filter\.include: scene values must be some of"),
    (dict(include=dict(scene=3)), r"frame_filter\.include: scene values must be some of"),
    (dict(include=['scene']), r"frame_filter\.include: expected a dict of attribute"),
    (dict(size=3), r"labels/a\.json: frame_filter: unknown keys \['size'\]"),
    (dict(num_frames=0), r"frame_filter: num_frames must be a positive integer, got 0"),
    (dict(num_frames=2.5), r"frame_filter: num_frames must be a positive integer"),
    (dict(num_frames=3, seed='a'), r"frame_filter: seed must be an integer"),
    ('scene', r"labels/a\.json: frame_filter: expected a dict")])
def test_bad_options_name_the_file_and_the_option(option, message):
    with pytest.raises(ValueError, match=message):
        parse_frame_filter(option, 'labels/a.json')


def test_more_frames_than_the_domain_has_is_an_error(data_dir):
    option = dict(include=dict(scene='highway'), num_frames=3)
    with pytest.raises(ValueError, match=r'tag_gts\.json: frame_filter: num_frames=3 but only 2 '
                                         r'frames have the selected attributes'):
        parse_frame_filter(option, TAGS).select(attribute_sets(data_dir))
