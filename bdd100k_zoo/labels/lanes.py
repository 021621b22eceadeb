"""Lane marking masks in the official encoding: one byte per pixel.

Bit 5 is the direction (0 parallel, 1 vertical), bit 4 the style (0 solid, 1 dashed), bit 3 the
background flag (1: no marking) and bits 0-2 the category (index into
:data:`~bdd100k_zoo.labels.categories.LANE_CATEGORIES`); bits 6-7 are unused. The official masks
(``bdd100k.label.to_mask``, mode ``lane_mark``) fill the background with 255.
"""
from typing import Dict, Tuple

import numpy as np

from .categories import LANE_ATTRIBUTES
from .errors import LabelError
from .mask_checks import byte_mask
from .masks import PathOrBytes, read_png

#: Value of pixels without a lane marking in the official masks.
LANE_BACKGROUND = 255
#: The background flag.
BACKGROUND_BIT = 3
#: Where each attribute sits in the byte: (lowest bit, number of bits).
ATTRIBUTE_BITS: Dict[str, Tuple[int, int]] = {
    'direction': (5, 1), 'style': (4, 1), 'category': (0, 3)}
#: Bits a marking pixel may set (bits 6-7 are unused).
MARKING_BITS = 0b111111


def encode_lane(category: str, direction: str = 'parallel', style: str = 'solid') -> int:
    """The mask value of a marking (the official defaults: parallel, solid).

    Raises:
        ValueError: an unknown category, direction or style.
    """
    value = 0
    for attribute, name in (('direction', direction), ('style', style), ('category', category)):
        known = LANE_ATTRIBUTES[attribute]
        if name not in known:
            raise ValueError(f'unknown lane {attribute} {name!r} (expected one of '
                             f'{", ".join(known)})')
        value |= known.index(name) << ATTRIBUTE_BITS[attribute][0]
    return value

def marking_pixels(mask: np.ndarray) -> np.ndarray:
    """Where a lane mask has markings (background flag clear)."""
    return (mask >> BACKGROUND_BIT) & 1 == 0


def attribute_maps(mask: np.ndarray) -> Dict[str, np.ndarray]:
    """Per attribute of :data:`LANE_ATTRIBUTES`, the value index of each pixel (-1: no marking)."""
    markings = marking_pixels(mask)
    maps = {}
    for attribute in LANE_ATTRIBUTES:
        offset, width = ATTRIBUTE_BITS[attribute]
        values = ((mask >> offset) & ((1 << width) - 1)).astype(np.int8)
        values[~markings] = -1
        maps[attribute] = values
    return maps


def check_lane_mask(mask: np.ndarray, name: str) -> np.ndarray:
    """A lane mask as H x W uint8, checked.

    Raises:
        LabelError: not a 2-D array of bytes (:func:`~bdd100k_zoo.labels.mask_checks.byte_mask`),
            or marking pixels setting the unused bits 6-7 (names ``name``).
    """
    mask = byte_mask(mask, name, 'lane')
    bad = marking_pixels(mask) & (mask > MARKING_BITS)
    if bad.any():
        values = np.unique(mask[bad]).tolist()
        raise LabelError(f'{name}: lane mask holds values {values} that are neither background '
                         f'(bit 3 set) nor a marking (bits 0-5: category, style, direction)')
    return mask


def read_lane_mask(source: PathOrBytes, name: str = '') -> np.ndarray:
    """Reads and checks a lane mask PNG (path or bytes); see :func:`check_lane_mask`."""
    name = name or (source if isinstance(source, str) else '<bytes>')
    return check_lane_mask(read_png(source, name), name)


def value_masks(mask: np.ndarray) -> Dict[str, np.ndarray]:
    """Per value of every lane attribute (``'parallel'``, ..., ``'single yellow'``), its pixels."""
    return {value: values == index
            for attribute, values in attribute_maps(mask).items()
            for index, value in enumerate(LANE_ATTRIBUTES[attribute])}


def encode_attribute_maps(maps: Dict[str, np.ndarray]) -> np.ndarray:
    """The lane mask of per-attribute value maps (the inverse of :func:`attribute_maps`).

    Args:
        maps: ``{'direction': ..., 'style': ..., 'category': ...}``, H x W value indices each;
            a pixel is a marking where every map holds a valid index (background elsewhere).
    """
    markings = np.ones(maps['category'].shape, dtype=bool)
    mask = np.zeros(markings.shape, dtype=np.uint8)
    for attribute, values in LANE_ATTRIBUTES.items():
        indices = np.asarray(maps[attribute])
        markings &= (indices >= 0) & (indices < len(values))
        offset, _ = ATTRIBUTE_BITS[attribute]
        mask |= (np.clip(indices, 0, len(values) - 1).astype(np.uint8) << offset)
    mask[~markings] = LANE_BACKGROUND
    return mask
