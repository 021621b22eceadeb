"""Shared pytest fixtures. Test modules never import each other (scalabel ships a package named tests)."""
import os
import os.path as osp
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, settings

#: Property-based tests run the same examples on every run and machine (25 unless a test sets its
#: own max_examples), with no time limit per example and no example database in the repository.
settings.register_profile('bdd100k-zoo', derandomize=True, database=None, deadline=None,
                          max_examples=25, print_blob=False,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile('bdd100k-zoo')

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
DATA_DIR = osp.join(REPO_ROOT, 'tests', 'data')


@pytest.fixture(scope='session')
def repo_root() -> str:
    """The repository root."""
    return REPO_ROOT


@pytest.fixture(scope='session')
def data_dir() -> str:
    """``tests/data``: real fixture files (see tests/data/PROVENANCE.md)."""
    return DATA_DIR


@pytest.fixture(scope='session')
def tiny_sample(tmp_path_factory) -> str:
    """A generated BDD100K sample at the tiny scale (every task, official layout), shared by tests."""
    from bdd100k_zoo.sample import generate_sample
    root = str(tmp_path_factory.mktemp('sample') / 'bdd100k')
    generate_sample(root, seed=0, scale='tiny')
    return root


class RunsCode:
    """Unpickling this runs ``touch <marker>``: what a malicious checkpoint does with a shell
    command."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> Any:
        return (os.system, (f'touch {self.marker}',))


@pytest.fixture(scope='session')
def code_runner() -> Callable[[str], RunsCode]:
    """``code_runner(marker)``: an object whose unpickling creates the file ``marker``."""
    return RunsCode
