"""Masks of a frame, from its RLE labels or from the PNG file it stands for.

sem_seg/drivable frames either carry RLE labels (painted in label order, later labels on top, the
rest 255, as scalabel paints them) or stand for a class-mask PNG (key :data:`MASK_FILE`, set when a
folder of masks is read). Instance frames (for the Cityscapes iIoU) carry ins_seg RLE labels or
stand for an ins_seg bitmask PNG.
"""
from typing import Dict, Optional, Sequence

import numpy as np

from ..labels.categories import INS_SEG_CLASSES
from ..labels.frames import Frame
from ..labels.masks import (IGNORE_INDEX, Bitmask, encode_attributes, read_bitmask, read_png,
                            rle_decode)

#: Frame key of the PNG file a frame stands for (frames made from a folder of masks).
MASK_FILE = '_mask_file'
#: Frame key of how to name that file in errors (zip members as ``zip:member``).
MASK_NAME = '_mask_name'


def class_mask(frame: Frame, classes: Sequence[str]) -> Optional[np.ndarray]:
    """The class-id mask of a frame (``None`` if it has no labels and stands for no file).

    Args:
        frame: a checked frame whose categories are ``classes`` and masks one size.
        classes: the task's classes (mask value = index).
    """
    if MASK_FILE in frame:
        return read_png(frame[MASK_FILE], frame.get(MASK_NAME, ''))
    mask = None
    for label in frame.get('labels') or ():
        binary = rle_decode(label['rle'])
        if mask is None:
            mask = np.full(binary.shape, IGNORE_INDEX, dtype=np.uint8)
        mask[binary > 0] = classes.index(label['category'])
    return mask


def instance_bitmask(frame: Frame) -> Optional[Bitmask]:
    """The ground-truth instances of a checked frame as bitmask maps (``None`` if it has none)."""
    if MASK_FILE in frame:
        return read_bitmask(frame[MASK_FILE], frame.get(MASK_NAME, ''))
    maps: Dict[str, np.ndarray] = {}
    for number, label in enumerate(frame.get('labels') or (), start=1):
        binary = rle_decode(label['rle'])
        if not maps:
            maps = {key: np.zeros(binary.shape, dtype=np.int32)
                    for key in ('categories', 'attributes', 'instances')}
        attributes = label.get('attributes') or {}
        region = binary > 0
        maps['categories'][region] = INS_SEG_CLASSES.index(label['category']) + 1
        maps['attributes'][region] = encode_attributes(
            crowd=bool(attributes.get('crowd')), ignore=bool(attributes.get('ignored')))
        maps['instances'][region] = number
    return Bitmask(**maps) if maps else None
