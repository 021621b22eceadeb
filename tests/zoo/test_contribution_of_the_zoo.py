"""The repository's own READMEs pass the contribution check: every published row has its config
here (PCAN's is external), and every config, published or built here, loads and builds its model
(slow: ~320 models)."""
import pytest

from bdd100k_zoo.zoo.building import ModelBuildChecker
from bdd100k_zoo.zoo.review import review


def test_the_zoo_passes_the_check_without_building(repo_root):
    report = review(repo_root)
    assert [str(issue) for issue in report.errors] == []
    assert report.models == 318
    assert report.external == []  # every published row has its config here (PCAN too)


@pytest.mark.slow
def test_every_config_of_the_zoo_loads_and_builds(repo_root):
    report = review(repo_root, checker=ModelBuildChecker())
    assert [str(issue) for issue in report.errors] == []
    assert report.built == report.models == 318  # every config of the index is built here
