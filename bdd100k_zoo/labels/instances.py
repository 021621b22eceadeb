"""Scalabel labels as training instances: class and ignore flag, box of a mask, mask size, overlaps.

Shared by the image and video datasets of every side, so that a label means the same everywhere: its
category is mapped as the official evaluation maps it (synonyms renamed; "other person", "other
vehicle" and "trailer" kept as ignored regions), crowd and ``ignored`` labels are ignored too, and a
mask-based label carries the box of its pixels. Predicted masks are made non-overlapping the way the
official conversion of model outputs does (higher scores win a pixel).
"""
from typing import Any, Collection, Dict, List, NamedTuple, Optional, Tuple

import numpy as np

from .errors import LabelError
from .frames import Frame, Label, where
from .mapping import CategoryMapper
from .masks import check_rle_label

#: BDD100K images are 1280x720 (height, width); frames may carry their own ``size``.
DEFAULT_IMAGE_SIZE: Tuple[int, int] = (720, 1280)


class LabelClass(NamedTuple):
    """A label's class index in the task's class list and whether it is an ignored region."""

    index: int
    ignored: bool


def label_class(path: str, frame: Frame, label: Label, mapper: CategoryMapper,
                dropped: Collection[str] = ()) -> Optional[LabelClass]:
    """The class of a label as the official evaluation maps it; ``None`` for a dropped category.

    Crowd labels, labels with the ``ignored`` attribute and the categories the official configs
    ignore are ignored regions.

    Args:
        path: the label file (for errors).
        frame: the label's frame (for errors).
        label: the Scalabel label.
        mapper: maps raw category names onto the task's classes.
        dropped: categories that are valid in the file but not part of the task (e.g. traffic
            lights in det_20 when training a tracker); their labels are left out.

    Raises:
        LabelError: the category is neither known to ``mapper`` nor dropped (names ``path``, the
            frame and the label).
    """
    category = label.get('category')
    if category in dropped:
        return None
    mapped = mapper(category)
    if mapped is None:
        raise LabelError(f'{where(path, frame, label)}: unknown category {category!r} (expected '
                         f'one of {", ".join(mapper.known_names())})')
    attributes = label.get('attributes') or {}
    ignored = mapped.ignored or bool(attributes.get('crowd')) or bool(attributes.get('ignored'))
    return LabelClass(mapped.index, ignored)


def frame_size(frame: Frame, default: Tuple[int, int] = DEFAULT_IMAGE_SIZE) -> Tuple[int, int]:
    """``(height, width)`` of a frame: its ``size`` field, else ``default``."""
    size = frame.get('size')
    if size:
        return int(size['height']), int(size['width'])
    return default


def rle_xyxy(rle: Dict[str, Any]) -> List[float]:
    """The OpenMMLab box ``[x1, y1, x2, y2)`` of the pixels of an RLE mask (zeros if empty)."""
    from pycocotools import mask as mask_utils
    counts = rle['counts']
    x, y, w, h = mask_utils.toBbox({'counts': counts.encode('ascii') if isinstance(counts, str)
                                    else counts, 'size': list(rle['size'])})
    return [float(x), float(y), float(x + w), float(y + h)]


def check_mask_size(label: Label, size: Tuple[int, int], path: str, frame: Frame) -> None:
    """Checks a label's ``rle`` is well formed and of the image size ``(height, width)``.

    Raises:
        LabelError: malformed, or of another size (names ``path``, the frame and the label).
    """
    check_rle_label(label.get('rle'), path, frame, label)
    if tuple(label['rle']['size']) != tuple(size):
        raise LabelError(f'{where(path, frame, label)}: mask size {list(label["rle"]["size"])} '
                         f'differs from the image size {list(size)} (height, width)')


def paint_instances(masks: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """An H x W map of instance numbers (``i + 1`` for ``masks[i]``, 0 = none), higher scores on top.

    Args:
        masks: N x H x W binary masks.
        scores: N confidences (ties: the later mask wins).
    """
    canvas = np.zeros(masks.shape[1:], dtype=np.int32)
    for index in np.argsort(scores, kind='stable'):
        canvas[masks[index].astype(bool)] = index + 1
    return canvas
