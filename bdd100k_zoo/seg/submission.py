"""sem_seg / drivable predictions in the official formats, written atomically.

- ``masks.zip``: one single-channel PNG per image, ``<image stem>.png``, pixel value = class id
  (the format of the official masks and the one the BDD100K evaluation server accepts: "For masks,
  the submission should be a folder of masks", matched to the ground truth by file stem).
- ``preds.json``: Scalabel frames with one RLE label per predicted class (the toolkit's other
  accepted format, ``bdd100k.eval.run -t sem_seg|drivable -r preds.json``).
"""
import os.path as osp
import zipfile
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np

from ..export.atomic import atomic_open
from ..labels.frames import Frame
from ..labels.masks import IGNORE_INDEX, instance_rles


def mask_member(name: str) -> str:
    """The zip member of an image's mask: its stem with ``.png`` (``a/b.jpg`` -> ``a/b.png``)."""
    return osp.splitext(name)[0] + '.png'


def write_mask_zip(path: str, masks: Iterable[Tuple[str, bytes]]) -> int:
    """Writes ``(image name, PNG bytes)`` pairs as a zip of ``<stem>.png`` atomically.

    Returns:
        How many masks were written.

    Raises:
        ValueError: two images have the same stem (their masks would overwrite each other).
    """
    seen = set()
    with atomic_open(path, 'wb') as f, zipfile.ZipFile(f, 'w', zipfile.ZIP_STORED) as zf:
        for name, data in masks:
            member = mask_member(name)
            if member in seen:
                raise ValueError(f'two images map to the same mask {member!r} in {path}')
            seen.add(member)
            zf.writestr(member, data)
    return len(seen)


def mask_frame(name: str, mask: np.ndarray, classes: Sequence[str]) -> Frame:
    """A Scalabel prediction frame of a class mask: one RLE label per class present.

    Args:
        name: the frame (image file) name.
        mask: H x W class ids.
        classes: the classes to write, mask value = index; other values (e.g. drivable's
            background, which the official evaluation ignores) are left unlabelled.
    """
    ids = mask.astype(np.int32) + 1
    ids[(mask >= len(classes)) | (mask == IGNORE_INDEX)] = 0
    labels: List[Dict] = [{'id': str(class_id - 1), 'category': classes[class_id - 1], 'rle': rle}
                          for class_id, rle in instance_rles(ids).items()]
    return {'name': name, 'labels': labels}
