"""Fixtures of the evaluation tests: the official test inputs and helpers to read them."""
import os.path as osp
from typing import Callable, List

import pytest

from bdd100k_zoo.labels.frames import read_frames


@pytest.fixture(scope='session')
def scalabel_dir(data_dir: str) -> str:
    """``tests/data/scalabel-eval`` (scalabel's test inputs)."""
    return osp.join(data_dir, 'scalabel-eval')


@pytest.fixture(scope='session')
def bdd_dir(data_dir: str) -> str:
    """``tests/data/bdd100k-eval`` (the bdd100k toolkit's test inputs)."""
    return osp.join(data_dir, 'bdd100k-eval')


@pytest.fixture(scope='session')
def frames_of(scalabel_dir: str) -> Callable[[str], List[dict]]:
    """Reads a file of ``scalabel-eval`` (a fresh list each call)."""
    return lambda name: read_frames(osp.join(scalabel_dir, name))
