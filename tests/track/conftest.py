"""The track tests build through mmdet's registries: earlier tests may leave another default scope."""
import pytest
from mmengine.registry import DefaultScope


@pytest.fixture(autouse=True)
def mmdet_scope():
    """Runs each test with mmdet as the default scope (the scope of the tracking configs)."""
    with DefaultScope.overwrite_default_scope('mmdet'):
        yield
