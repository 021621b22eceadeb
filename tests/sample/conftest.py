"""A tiny generated sample shared by the tests of this folder (generated once per session)."""
import json
import os.path as osp

import pytest

from bdd100k_zoo.sample import SCALES, generate_sample
from bdd100k_zoo.sample.scales import Scale

#: One image or two-frame video per task and split: enough to test plumbing quickly.
ONE_EACH = Scale(images_100k={'train': 1, 'val': 1}, images_10k={'train': 1, 'val': 1},
                 track_videos={'train': 1, 'val': 1}, track_frames=2,
                 seg_track_videos={'train': 1, 'val': 1}, seg_track_frames=2)


@pytest.fixture(scope='session')
def tiny_sample(tmp_path_factory):
    """The summary of a tiny sample (seed 0) generated into a temporary folder."""
    return generate_sample(str(tmp_path_factory.mktemp('sample') / 'bdd100k'), seed=0, scale='tiny')


@pytest.fixture(scope='session')
def read_labels(tiny_sample):
    """Reads a label file of the tiny sample given its dataset-relative path."""
    def read(relative: str):
        with open(osp.join(tiny_sample.root, relative), encoding='utf-8') as f:
            return json.load(f)
    return read


@pytest.fixture
def one_each(monkeypatch):
    """Makes the 'tiny' scale one image (or two-frame video) per task and split, for speed."""
    monkeypatch.setitem(SCALES, 'tiny', ONE_EACH)
