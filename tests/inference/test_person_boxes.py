"""The coverage check of a person-boxes file against the input images (pose inference)."""
import logging

import pytest

from bdd100k_zoo.inference.errors import InferenceError
from bdd100k_zoo.inference.images import InputImage
from bdd100k_zoo.inference import tasks
from bdd100k_zoo.inference.tasks import check_coverage


def images(*names):
    return [InputImage(path=f'/in/{name}', name=name) for name in names]


def test_boxes_missing_some_images_warn_with_the_count(monkeypatch):
    """The warning goes through mmengine's logger, whose ``level`` must be a number."""
    logged = []
    monkeypatch.setattr(tasks, 'print_log', lambda msg, logger, level: logged.append((msg, level)))
    boxes = {'a.jpg': [((0.0, 0.0, 5.0, 5.0), 1.0)]}
    check_coverage(boxes, images('a.jpg', 'b.jpg', 'c.jpg'), 'people.json')
    [(message, level)] = logged
    assert message.startswith("people.json has no frame for 2 of the 3 images (e.g. 'b.jpg')")
    assert level == logging.WARNING


def test_boxes_covering_no_image_fail_naming_the_file():
    with pytest.raises(InferenceError, match="people.json: none of its frames"):
        check_coverage({'x.jpg': []}, images('a.jpg'), 'people.json')
