"""BDD-Anomaly: the anomaly benchmark built from the official BDD100K 10K ``sem_seg`` masks.

Hendrycks et al. ("Scaling Out-of-Distribution Detection for Real-World Settings", ICML 2022,
hendrycks/anomaly-seg ``create_bdd_dataset.py``) hold some classes out: every train or val image
holding a pixel of a held-out class leaves its split, and those images of both splits form the test
set (BDD100K's own test split is not used). The paper's counts, 6,688 train / 361 test, match
holding out train + motorcycle (our default); the public script holds out train, motorcycle and
bicycle (6,280 / 810).

Layout written (atomically, as a whole) under ``out``::

    images/10k/{train,val,test}/<stem>.jpg          symlinks to the source (or copies)
    labels/sem_seg/masks/{train,val,test}/<stem>.png known classes re-indexed 0..K-1, 255 ignored;
                                                     held-out pixels are 255 in test
    labels/anomaly/masks/test/<stem>.png            1 = held-out class, 0 = known, 255 = ignored
    bdd_anomaly.json                                held-out and kept classes, palette, id map,
                                                     counts, source
"""
import os
import os.path as osp
import shutil
from typing import Dict, List, Sequence, Tuple

import numpy as np
from PIL import Image

from ..export.atomic import atomic_dir, write_json
from ..labels import LabelError
from ..labels.categories import SEM_SEG_CLASSES, SEM_SEG_PALETTE
from ..labels.masks import IGNORE_INDEX, read_class_mask
from ..version import __version__

DEFAULT_HELD_OUT = ('train', 'motorcycle')
SOURCE_SPLITS = ('train', 'val')
INFO_FILE = 'bdd_anomaly.json'


def class_table(held_out: Sequence[str]) -> Tuple[List[str], np.ndarray]:
    """The kept class names (BDD100K order) and a 256-entry table old id -> new id (255 for
    held-out classes and 255)."""
    unknown = sorted(set(held_out) - set(SEM_SEG_CLASSES))
    if unknown or not held_out:
        raise ValueError(f'held-out classes must be sem_seg classes, got {list(held_out)}')
    table = np.full(256, IGNORE_INDEX, np.uint8)
    kept = [name for name in SEM_SEG_CLASSES if name not in held_out]
    for new, name in enumerate(kept):
        table[SEM_SEG_CLASSES.index(name)] = new
    return kept, table


def source_stems(root: str, split: str) -> List[str]:
    """The stems of the sem_seg masks of one split of a BDD100K root."""
    folder = osp.join(root, 'labels', 'sem_seg', 'masks', split)
    if not osp.isdir(folder):
        raise FileNotFoundError(f'no sem_seg masks folder: {folder}')
    return sorted(name[:-4] for name in os.listdir(folder) if name.endswith('.png'))


def place_image(source: str, dest: str, link: bool) -> None:
    """Symlinks (absolute) or copies one image."""
    os.makedirs(osp.dirname(dest), exist_ok=True)
    if link:
        os.symlink(osp.abspath(source), dest)
    else:
        shutil.copyfile(source, dest)


def save_mask(mask: np.ndarray, path: str) -> None:
    """Saves a uint8 mask PNG, creating its folder."""
    os.makedirs(osp.dirname(path), exist_ok=True)
    Image.fromarray(mask).save(path)


def build_bdd_anomaly(root: str, out: str, held_out: Sequence[str] = DEFAULT_HELD_OUT,
                      link: bool = True) -> Dict[str, int]:
    """Builds BDD-Anomaly from a BDD100K root (see the module docstring).

    Args:
        root: BDD100K root with ``images/10k/{train,val}`` and ``labels/sem_seg/masks/{train,val}``.
        out: the folder to write (replaced as a whole on success; untouched on failure).
        held_out: the held-out class names.
        link: symlink the images (default) or copy them.

    Returns:
        ``{'train': n, 'val': n, 'test': n}``.

    Raises:
        LabelError: a mask with ids outside 0..18 and 255, or a stem in both source splits.
        FileNotFoundError: a missing masks folder or image.
    """
    kept, table = class_table(held_out)
    held_ids = [SEM_SEG_CLASSES.index(name) for name in held_out]
    counts = {'train': 0, 'val': 0, 'test': 0}
    test_from = {split: 0 for split in SOURCE_SPLITS}
    seen: Dict[str, str] = {}
    with atomic_dir(out) as tmp:
        for split in SOURCE_SPLITS:
            for stem in source_stems(root, split):
                mask_file = osp.join(root, 'labels', 'sem_seg', 'masks', split, f'{stem}.png')
                if stem in seen:
                    raise LabelError(f'{mask_file}: stem {stem} is also in {seen[stem]}')
                seen[stem] = split
                image = osp.join(root, 'images', '10k', split, f'{stem}.jpg')
                if not osp.isfile(image):
                    raise FileNotFoundError(f'{mask_file}: its image {image} does not exist')
                mask = read_class_mask(mask_file, len(SEM_SEG_CLASSES), mask_file)
                held = np.isin(mask, held_ids)
                dest = 'test' if held.any() else split
                save_mask(table[mask], osp.join(tmp, 'labels', 'sem_seg', 'masks', dest,
                                                f'{stem}.png'))
                if dest == 'test':
                    anomaly = np.where(mask == IGNORE_INDEX, IGNORE_INDEX, held).astype(np.uint8)
                    save_mask(anomaly, osp.join(tmp, 'labels', 'anomaly', 'masks', 'test',
                                                f'{stem}.png'))
                    test_from[split] += 1
                place_image(image, osp.join(tmp, 'images', '10k', dest, f'{stem}.jpg'), link)
                counts[dest] += 1
        write_json(osp.join(tmp, INFO_FILE), {
            'held_out': list(held_out), 'classes': kept,
            'palette': [list(SEM_SEG_PALETTE[SEM_SEG_CLASSES.index(name)]) for name in kept],
            'id_map': {str(old): int(table[old]) for old in range(len(SEM_SEG_CLASSES))},
            'counts': counts, 'test_from': test_from, 'source': osp.abspath(root),
            'zoo_version': __version__}, indent=2)
    return counts
