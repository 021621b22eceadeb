"""Fixtures of the mmseg side's tests."""
import os
from typing import Callable, Dict, Sequence

import numpy as np
import pytest
from mmengine.registry import init_default_scope
from PIL import Image

import bdd100k_zoo.seg  # noqa: F401  (registers the side into mmseg)


@pytest.fixture(autouse=True)
def mmseg_scope() -> None:
    """Builds from the mmseg registries, as a runner with ``default_scope='mmseg'`` does."""
    init_default_scope('mmseg')


@pytest.fixture(scope='session')
def tiny_sample(tmp_path_factory) -> str:
    """The generated BDD100K sample (``tiny`` scale), once per session."""
    from bdd100k_zoo.sample import generate_sample
    root = tmp_path_factory.mktemp('bdd100k') / 'sample'
    generate_sample(str(root), seed=0, scale='tiny')
    return str(root)


@pytest.fixture
def make_split(tmp_path) -> Callable[..., str]:
    """Writes a hand-made split in the official layout; returns the dataset root.

    Call with ``task`` (``'sem_seg'`` or ``'drivable'``) and ``{stem: mask array}``; images get the
    size of their mask unless ``image_sizes`` gives ``{stem: (height, width)}``.
    """
    def make(task: str, masks: Dict[str, np.ndarray], split: str = 'val',
             image_sizes: Dict[str, Sequence[int]] = None) -> str:
        image_dir = tmp_path / 'images' / ('10k' if task == 'sem_seg' else '100k') / split
        mask_dir = tmp_path / 'labels' / task / 'masks' / split
        os.makedirs(image_dir, exist_ok=True)
        os.makedirs(mask_dir, exist_ok=True)
        for stem, mask in masks.items():
            height, width = (image_sizes or {}).get(stem, mask.shape[:2])
            Image.new('RGB', (width, height), (90, 90, 90)).save(image_dir / f'{stem}.jpg')
            Image.fromarray(mask).save(mask_dir / f'{stem}.png')
        return str(tmp_path)
    return make

