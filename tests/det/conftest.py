"""Fixtures of the mmdet side's tests."""
import pytest
from mmengine.registry import init_default_scope

import bdd100k_zoo.det  # noqa: F401  (registers the side into mmdet)


@pytest.fixture(autouse=True)
def mmdet_scope() -> None:
    """Builds from the mmdet registries, as a runner with ``default_scope='mmdet'`` does."""
    init_default_scope('mmdet')


@pytest.fixture(scope='session')
def tiny_sample(tmp_path_factory) -> str:
    """The generated BDD100K sample (``tiny`` scale), once per session."""
    from bdd100k_zoo.sample import generate_sample
    root = tmp_path_factory.mktemp('bdd100k') / 'sample'
    generate_sample(str(root), seed=0, scale='tiny')
    return str(root)
