"""The output folder of inference: ``preds.json``, ``visuals/<stem>.jpg``, ``masks/<stem>.png``.

``visuals/`` and ``masks/`` are filled in temporary folders that replace the old ones only once
every image is done and ``preds.json`` is written (atomically): a failed run leaves the folder as it
was.
"""
import contextlib
import os.path as osp
from typing import Iterator, List, Optional

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
    """

    def __init__(self, visuals_dir: str, masks_dir: Optional[str]) -> None:
        self.visuals_dir = visuals_dir
        self.masks_dir = masks_dir
        self.frames: List[Frame] = []

    def add(self, image: InputImage, prediction: Prediction) -> None:
        """Writes the visual (and mask) of an image and keeps its frame."""
        prediction.visual.convert('RGB').save(
            osp.join(self.visuals_dir, f'{image.stem}.jpg'), format='JPEG', quality=JPEG_QUALITY)
        if self.masks_dir is not None and prediction.mask is not None:
            with open(osp.join(self.masks_dir, f'{image.stem}.png'), 'wb') as f:
                f.write(png_bytes(prediction.mask))
        self.frames.append(prediction.frame)


@contextlib.contextmanager
def open_outputs(out_dir: str, masks: bool) -> Iterator[OutputWriter]:
    """Yields the writer of ``out_dir``; on success, writes ``preds.json`` and puts the new
    ``visuals/`` (and ``masks/``) in place. Other files of ``out_dir`` are left alone."""
    with contextlib.ExitStack() as stack:
        visuals = stack.enter_context(atomic_dir(osp.join(out_dir, VISUALS_DIR)))
        mask_dir = stack.enter_context(atomic_dir(osp.join(out_dir, MASKS_DIR))) if masks else None
        writer = OutputWriter(visuals, mask_dir)
        yield writer
        write_json(osp.join(out_dir, PREDS_FILE), writer.frames)
