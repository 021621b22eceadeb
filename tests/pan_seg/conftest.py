"""Fixtures of the pan_seg tests (mmdet side): hand-made splits, the sample with pan_seg labels."""
import os
import os.path as osp
from typing import Callable, Dict, Optional, Tuple

import numpy as np
import pytest
from mmengine.registry import init_default_scope
from PIL import Image

import bdd100k_zoo.det  # noqa: F401  (registers the side into mmdet)
from bdd100k_zoo.det.panoptic.conversion import FIRST_THING_ID
from bdd100k_zoo.labels.categories import (INS_SEG_CLASSES, PAN_SEG_CLASSES, PAN_SEG_THING_CLASSES,
                                           SEM_SEG_CLASSES)
from bdd100k_zoo.labels.masks import encode_bitmask, read_bitmask, read_png

SPLITS = ('train', 'val')


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


def derived_bitmask(sem: np.ndarray, ins_path: str) -> np.ndarray:
    """A pan_seg bitmask from a sem_seg mask and the ins_seg bitmask of the same image.

    Stuff pixels take their sem_seg class (instance id = category id); instance pixels their
    ins_seg class (pedestrian -> person), attributes and instance id + 30; sem_seg thing pixels
    outside any instance and ignored pixels are unlabeled.
    """
    lookup = np.zeros(256, dtype=np.int64)
    for index, name in enumerate(SEM_SEG_CLASSES):
        lookup[index] = 0 if name in PAN_SEG_THING_CLASSES else category_id(name)
    ins_lookup = np.array([0] + [category_id('person' if name == 'pedestrian' else name)
                                 for name in INS_SEG_CLASSES])
    ins = read_bitmask(ins_path)
    categories = lookup[sem]
    instances = categories.copy()
    inside = ins.instances > 0
    categories[inside] = ins_lookup[ins.categories[inside]]
    instances[inside] = ins.instances[inside] + FIRST_THING_ID - 1
    attributes = np.where(inside, ins.attributes, 0)
    return encode_bitmask(categories, instances, attributes)


@pytest.fixture(scope='session')
def pan_seg_sample(tiny_sample, tmp_path_factory) -> str:
    """The generated sample's 10K images with pan_seg bitmasks derived from its sem_seg masks and
    ins_seg bitmasks (the generator writes no pan_seg labels); returns the dataset root."""
    root = tmp_path_factory.mktemp('pan_seg_sample')
    os.makedirs(root / 'images')
    os.symlink(osp.join(tiny_sample, 'images', '10k'), root / 'images' / '10k')
    for split in SPLITS:
        out = root / 'labels' / 'pan_seg' / 'bitmasks' / split
        os.makedirs(out)
        sem_dir = osp.join(tiny_sample, 'labels', 'sem_seg', 'masks', split)
        for png in sorted(os.listdir(sem_dir)):
            ins_path = osp.join(tiny_sample, 'labels', 'ins_seg', 'bitmasks', split, png)
            rgba = derived_bitmask(read_png(osp.join(sem_dir, png)), ins_path)
            Image.fromarray(rgba).save(out / png)
    return str(root)
