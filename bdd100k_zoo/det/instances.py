"""BDD100K instance masks as Scalabel labels: bitmask PNG -> frame, RLE -> box, size checks.

Shared by the ins_seg dataset (RLE labels read at init, bitmasks decoded in the pipeline) and the
ins_seg metric (ground truth given as a folder of bitmasks). Boxes always come from the masks, so
training targets, ground truth and official scores agree on the pixels of every instance.
"""
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..labels import LabelError
from ..labels.categories import INS_SEG_CLASSES
from ..labels.frames import Frame, Label, check_rle, where
from ..labels.masks import read_bitmask


def rle_xyxy(rle: Dict[str, Any]) -> List[float]:
    """The OpenMMLab box ``[x1, y1, x2, y2)`` of the pixels of an RLE mask (zeros if empty).

    The mask covers columns ``x1 .. x2 - 1`` and rows ``y1 .. y2 - 1``, the convention of
    :func:`bdd100k_zoo.labels.boxes.box2d_to_xyxy`.
    """
    from pycocotools import mask as mask_utils
    counts = rle['counts']
    x, y, w, h = mask_utils.toBbox({'counts': counts.encode('ascii') if isinstance(counts, str)
                                    else counts, 'size': list(rle['size'])})
    return [float(x), float(y), float(x + w), float(y + h)]


def check_label_rle(label: Label, size: Tuple[int, int], path: str, frame: Frame) -> None:
    """Checks a label's ``rle`` is well formed and of the image size ``(height, width)``.

    Raises:
        LabelError: malformed, or of another size (names ``path``, the frame and the label).
    """
    check_rle(label['rle'], path, frame, label)
    if tuple(label['rle']['size']) != tuple(size):
        raise LabelError(f'{where(path, frame, label)}: mask size {list(label["rle"]["size"])} '
                         f'differs from the image size {list(size)} (height, width)')


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
