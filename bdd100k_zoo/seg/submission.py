"""sem_seg / drivable predictions in the official formats, written atomically.

- ``masks.zip``: one single-channel PNG per image, ``<image stem>.png``, pixel value = class id
  (the format of the official masks and the one the BDD100K evaluation server accepts: "For masks,
  the submission should be a folder of masks", matched to the ground truth by file stem).
- ``preds.json``: Scalabel frames with one RLE label per predicted class (the toolkit's other
  accepted format, ``bdd100k.eval.run -t sem_seg|drivable -r preds.json``).

While a metric runs, each predicted mask waits as a PNG file in a :class:`MaskSpool` (not in
memory), so a full-size split takes no more memory than one image.
"""
import contextlib
import os
import os.path as osp
import shutil
import tempfile
import weakref
import zipfile
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np
from PIL import Image

from ..export.atomic import atomic_open, temp_prefix
from ..labels.frames import Frame
from ..labels.masks import IGNORE_INDEX, instance_rles

#: The name of the mask zip in an output folder.
MASK_ZIP = 'masks.zip'


class MaskSpool:
    """Predicted masks kept as PNG files in a temporary folder until the submission is written.

    The folder sits in the output folder, named like the temporary files of an atomic write of
    ``masks.zip`` (``.masks.zip.<random>.tmp``), so that ranks on several nodes sharing the output
    folder can read each other's masks; it is removed with the spool (or at interpreter exit).

    Args:
        output_dir: the folder the submission goes to (created if missing).
    """

    def __init__(self, output_dir: str) -> None:
        self.output_dir = output_dir
        self.folder = ''
        self.count = 0
        self._finalizer = None

    def add(self, mask: np.ndarray) -> str:
        """Writes a uint8 class mask as a PNG file; returns its path."""
        if not self.folder or not osp.isdir(self.folder):
            os.makedirs(self.output_dir, exist_ok=True)
            self.folder = tempfile.mkdtemp(prefix=temp_prefix(osp.join(self.output_dir, MASK_ZIP)),
                                           suffix='.tmp', dir=self.output_dir)
            self._finalizer = weakref.finalize(self, shutil.rmtree, self.folder, True)
        path = osp.join(self.folder, f'{self.count:08d}.png')
        self.count += 1
        Image.fromarray(mask).save(path, format='PNG')
        return path

    def close(self) -> None:
        """Removes the folder and every mask in it."""
        if self._finalizer is not None:
            self._finalizer()
        self.folder = ''


def discard(paths: Iterable[str]) -> None:
    """Removes spooled mask files (e.g. those of other ranks, once written into the zip)."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


def mask_member(name: str) -> str:
    """The zip member of an image's mask: its stem with ``.png`` (``a/b.jpg`` -> ``a/b.png``)."""
    return osp.splitext(name)[0] + '.png'


def write_mask_zip(path: str, masks: Iterable[Tuple[str, str]]) -> int:
    """Writes ``(image name, PNG file)`` pairs as a zip of ``<stem>.png`` atomically.

    Returns:
        How many masks were written.

    Raises:
        ValueError: two images have the same stem (their masks would overwrite each other).
    """
    seen = set()
    with atomic_open(path, 'wb') as f, zipfile.ZipFile(f, 'w', zipfile.ZIP_STORED) as zf:
        for name, png in masks:
            member = mask_member(name)
            if member in seen:
                raise ValueError(f'two images map to the same mask {member!r} in {path}')
            seen.add(member)
            zf.write(png, member)
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
