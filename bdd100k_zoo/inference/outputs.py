"""The output folder of inference: ``preds.json``, ``visuals/<stem>.jpg``, ``masks/<stem>.png``,
and the task's extra folders (e.g. ``anomaly_maps/<score>/<stem>.npy``, ``heatmaps/<stem>.jpg``).

``visuals/``, ``masks/`` and the extra folders are filled in temporary folders that replace the old ones only once
every image is done and ``preds.json`` is written (atomically): a failed run leaves the folder as it
was.
"""
import contextlib
import os.path as osp
import os
from typing import Dict, Iterator, List, Optional, Sequence

import numpy as np

from ..export.atomic import atomic_dir, write_json
from ..labels.frames import Frame
from ..labels.masks import png_bytes
from .images import InputImage
from .tasks import Prediction

PREDS_FILE = 'preds.json'
VISUALS_DIR = 'visuals'
MASKS_DIR = 'masks'
JPEG_QUALITY = 90


class OutputWriter:
    """Writes each image's visual (and mask) and keeps its frame for ``preds.json``.

    Args:
        visuals_dir: where the visuals go.
        masks_dir: where the masks go (None: the task has none).
        extra_dirs: ``{output sub-folder: where its files go}`` for the predictions' ``arrays``
            and ``images``.
    """

    def __init__(self, visuals_dir: str, masks_dir: Optional[str],
                 extra_dirs: Optional[Dict[str, str]] = None) -> None:
        self.visuals_dir = visuals_dir
        self.masks_dir = masks_dir
        self.extra_dirs = extra_dirs or {}
        self.frames: List[Frame] = []

    def extra_path(self, folder: str, name: str) -> str:
        """Where ``<folder>/<name>`` goes (its folder created).

        Raises:
            ValueError: ``folder`` is not under one of the extra folders.
        """
        top, _, rest = folder.partition('/')
        if top not in self.extra_dirs or '..' in rest.split('/'):
            raise ValueError(f'{folder!r} is not under an output folder of the task '
                             f'({", ".join(self.extra_dirs) or "none"})')
        target = osp.join(self.extra_dirs[top], rest) if rest else self.extra_dirs[top]
        os.makedirs(target, exist_ok=True)
        return osp.join(target, name)

    def add(self, image: InputImage, prediction: Prediction) -> None:
        """Writes the visual (and mask) of an image and keeps its frame."""
        prediction.visual.convert('RGB').save(
            osp.join(self.visuals_dir, f'{image.stem}.jpg'), format='JPEG', quality=JPEG_QUALITY)
        if self.masks_dir is not None and prediction.mask is not None:
            with open(osp.join(self.masks_dir, f'{image.stem}.png'), 'wb') as f:
                f.write(png_bytes(prediction.mask))
        for folder, array in prediction.arrays.items():
            np.save(self.extra_path(folder, f'{image.stem}.npy'), array, allow_pickle=False)
        for folder, picture in prediction.images.items():
            picture.convert('RGB').save(self.extra_path(folder, f'{image.stem}.jpg'),
                                        format='JPEG', quality=JPEG_QUALITY)
        self.frames.append(prediction.frame)


@contextlib.contextmanager
def open_outputs(out_dir: str, masks: bool, extra_dirs: Sequence[str] = ()
                 ) -> Iterator[OutputWriter]:
    """Yields the writer of ``out_dir``; on success, writes ``preds.json`` and puts the new
    ``visuals/`` (and ``masks/``, and each of ``extra_dirs``) in place. Other files of
    ``out_dir`` are left alone."""
    with contextlib.ExitStack() as stack:
        visuals = stack.enter_context(atomic_dir(osp.join(out_dir, VISUALS_DIR)))
        mask_dir = stack.enter_context(atomic_dir(osp.join(out_dir, MASKS_DIR))) if masks else None
        extras = {name: stack.enter_context(atomic_dir(osp.join(out_dir, name)))
                  for name in extra_dirs}
        writer = OutputWriter(visuals, mask_dir, extras)
        yield writer
        write_json(osp.join(out_dir, PREDS_FILE), writer.frames)
