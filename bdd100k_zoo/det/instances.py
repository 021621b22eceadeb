"""Official ins_seg bitmask PNGs as Scalabel frames of RLE labels.

Shared by the ins_seg pipeline (bitmasks decoded when an image is loaded) and the ins_seg metric
(ground truth given as a folder of bitmasks); the RLE helpers (box of a mask, size checks) are those
of :mod:`bdd100k_zoo.labels.instances`, so training targets, ground truth and official scores agree
on the pixels of every instance.
"""
from typing import Optional, Sequence, Tuple

from ..labels import LabelError
from ..labels.categories import INS_SEG_CLASSES
from ..labels.frames import Frame
from ..labels.masks import read_bitmask


def bitmask_frame(path: str, name: str, size: Optional[Tuple[int, int]] = None,
                  classes: Sequence[str] = INS_SEG_CLASSES) -> Frame:
    """Reads an official ins_seg bitmask PNG into a Scalabel frame of RLE labels.

    As the official conversion to RLE (and the evaluation's reading of bitmasks): one label per
    instance, category ``classes[R - 1]``, the G bits as attributes (crowd, ignored, ...).

    Args:
        path: the PNG file.
        name: the frame (image) name, e.g. ``<stem>.jpg``.
        size: the expected ``(height, width)`` (the image's); ``None``: not checked.
        classes: the category names of ids ``1..len(classes)``.

    Raises:
        LabelError: unreadable, not RGBA, of another size, with illegal category ids or with
            non-uniform instances (names ``path`` and ``name``).
    """
    from ..evaluation.bitmasks import bitmask_labels
    shown = f'{path}: frame {name!r}'
    bitmask = read_bitmask(path)
    if size is not None and bitmask.instances.shape != tuple(size):
        raise LabelError(f'{shown}: bitmask size {list(bitmask.instances.shape)} differs from the '
                         f'image size {list(size)} (height, width)')
    return {'name': name, 'labels': bitmask_labels(bitmask, classes, shown)}
