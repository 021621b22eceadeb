"""Fixtures of the pan_seg tests (mmdet side): hand-made bitmasks and splits."""
import os
from typing import Callable, Dict, Optional, Tuple

import numpy as np
import pytest
from mmengine.registry import init_default_scope
from PIL import Image

import bdd100k_zoo.det  # noqa: F401  (registers the side into mmdet)
from bdd100k_zoo.labels.categories import PAN_SEG_FIRST_THING_ID as FIRST_THING_ID
from bdd100k_zoo.labels.categories import PAN_SEG_CLASSES
from bdd100k_zoo.labels.masks import encode_bitmask


def category_id(name: str) -> int:
    """The official pan_seg category id of a class name."""
    return PAN_SEG_CLASSES.index(name) + 1


@pytest.fixture(autouse=True)
def mmdet_scope() -> None:
    """Builds from the mmdet registries, as a runner with ``default_scope='mmdet'`` does."""
    init_default_scope('mmdet')


@pytest.fixture
def hand_bitmask() -> np.ndarray:
    """A 40 x 64 official pan_seg bitmask (RGBA), made by hand.

    Rows 0-9 sky, rows 10-39 road, except: a car (instance 31) at rows 20-29, columns 5-19; a
    crowd of persons (instance 32) at rows 12-17, columns 40-49; unlabeled rows 35-39, columns 0-9.
    """
    categories = np.full((40, 64), category_id('road'), dtype=np.int64)
    categories[:10] = category_id('sky')
    instances = categories.copy()
    attributes = np.zeros_like(categories)
    categories[20:30, 5:20], instances[20:30, 5:20] = category_id('car'), FIRST_THING_ID
    categories[12:18, 40:50], instances[12:18, 40:50] = category_id('person'), FIRST_THING_ID + 1
    attributes[12:18, 40:50] = 0b10
    categories[35:, :10] = instances[35:, :10] = 0
    return encode_bitmask(categories, instances, attributes)


@pytest.fixture
def make_split(tmp_path) -> Callable[..., str]:
    """Writes bitmasks ``{stem: RGBA array}`` and their images (of the bitmask's size unless
    ``image_sizes`` says otherwise) in the official layout; returns the dataset root."""
    def make(bitmasks: Dict[str, np.ndarray], split: str = 'val',
             image_sizes: Optional[Dict[str, Tuple[int, int]]] = None) -> str:
        image_dir = tmp_path / 'images' / '10k' / split
        mask_dir = tmp_path / 'labels' / 'pan_seg' / 'bitmasks' / split
        os.makedirs(image_dir, exist_ok=True)
        os.makedirs(mask_dir, exist_ok=True)
        for stem, rgba in bitmasks.items():
            height, width = (image_sizes or {}).get(stem, rgba.shape[:2])
            Image.fromarray(rgba).save(mask_dir / f'{stem}.png')
            pixels = np.random.default_rng(0).integers(0, 255, (height, width, 3), np.uint8)
            Image.fromarray(pixels).save(image_dir / f'{stem}.jpg')
        return str(tmp_path)
    return make
