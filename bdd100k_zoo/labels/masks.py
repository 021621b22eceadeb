"""BDD100K mask codecs: bitmask PNGs (ins_seg, seg_track), class-id mask PNGs (sem_seg, drivable), RLE.

Bitmask PNG (RGBA, official): R = category id (1-based, 0 = background), G = attributes
(truncated << 3 | occluded << 2 | crowd << 1 | ignore), instance id = (B << 8) + A.
"""
import io
import numbers
from dataclasses import dataclass
from typing import Any, Dict, Union

import numpy as np
from PIL import Image

from .errors import LabelError
from .frames import Frame, Label, where

PathOrBytes = Union[str, bytes]

ATTRIBUTE_BITS: Dict[str, int] = {'truncated': 3, 'occluded': 2, 'crowd': 1, 'ignore': 0}
IGNORE_INDEX = 255
#: The most pixels a mask may have: as many as Pillow opens (it refuses images above twice
#: ``Image.MAX_IMAGE_PIXELS`` as decompression bombs), so an RLE claims no more memory than a PNG.
MAX_MASK_PIXELS = 2 * Image.MAX_IMAGE_PIXELS
#: The most characters of one number in a COCO compressed RLE string (5 bits each): pycocotools
#: reads longer ones with an overflowing shift; 6 hold every run of a mask up to 2^29 pixels.
MAX_RLE_DIGITS = 6


@dataclass
class Bitmask:
    """A decoded bitmask image: per-pixel category id, attribute bits and instance id (H x W each)."""

    categories: np.ndarray
    attributes: np.ndarray
    instances: np.ndarray

    def instance_ids(self) -> np.ndarray:
        """The instance ids present (excluding 0, the background)."""
        ids = np.unique(self.instances)
        return ids[ids > 0]

    def attribute(self, name: str) -> np.ndarray:
        """A boolean map of one attribute bit (``truncated``, ``occluded``, ``crowd``, ``ignore``)."""
        return (self.attributes >> ATTRIBUTE_BITS[name]) & 1 == 1


def encode_attributes(truncated: bool = False, occluded: bool = False, crowd: bool = False,
                      ignore: bool = False) -> int:
    """Packs attribute flags into the G channel value of a bitmask."""
    return (int(truncated) << 3) | (int(occluded) << 2) | (int(crowd) << 1) | int(ignore)


def encode_bitmask(categories: np.ndarray, instances: np.ndarray,
                   attributes: np.ndarray) -> np.ndarray:
    """Builds the H x W x 4 uint8 RGBA bitmask from per-pixel category, instance and attribute maps.

    Raises:
        ValueError: shapes differ, or a value does not fit its channel(s).
    """
    if not categories.shape == instances.shape == attributes.shape:
        raise ValueError(f'bitmask maps differ in shape: {categories.shape}, {instances.shape}, '
                         f'{attributes.shape}')
    if categories.min(initial=0) < 0 or categories.max(initial=0) > 255:
        raise ValueError('category ids must be in 0..255')
    if instances.min(initial=0) < 0 or instances.max(initial=0) > 65535:
        raise ValueError('instance ids must be in 0..65535')
    rgba = np.empty(categories.shape + (4,), dtype=np.uint8)
    rgba[..., 0] = categories
    rgba[..., 1] = attributes
    rgba[..., 2] = instances >> 8
    rgba[..., 3] = instances & 255
    return rgba


def decode_bitmask(rgba: np.ndarray, name: str = '<array>') -> Bitmask:
    """Splits an RGBA bitmask array into its maps.

    Raises:
        LabelError: the array is not H x W x 4 (names ``name``).
    """
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise LabelError(f'{name}: a bitmask must be an RGBA image, got shape {rgba.shape}')
    instances = (rgba[..., 2].astype(np.int32) << 8) + rgba[..., 3]
    return Bitmask(rgba[..., 0].copy(), rgba[..., 1].copy(), instances)


def read_png(source: PathOrBytes, name: str = '') -> np.ndarray:
    """Reads a PNG (path or bytes) into an array without any colour conversion.

    Raises:
        LabelError: not a readable PNG: another format (never decoded), corrupt, truncated, or
            a decompression bomb (names ``name``).
    """
    name = name or (source if isinstance(source, str) else '<bytes>')
    try:
        with Image.open(source if isinstance(source, str) else io.BytesIO(source)) as image:
            if image.format != 'PNG':
                raise LabelError(f'{name}: not a PNG image ({image.format} content)')
            return np.asarray(image)
    except LabelError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
        raise LabelError(f'{name}: cannot read PNG ({err})') from None


def read_bitmask(source: PathOrBytes, name: str = '') -> Bitmask:
    """Reads a bitmask PNG (path or bytes)."""
    name = name or (source if isinstance(source, str) else '<bytes>')
    return decode_bitmask(read_png(source, name), name)


def read_class_mask(source: PathOrBytes, num_classes: int, name: str = '') -> np.ndarray:
    """Reads a class-id mask PNG (sem_seg, drivable) and checks every value is a class or 255.

    Raises:
        LabelError: not single-channel, or holds ids outside ``0..num_classes-1`` and 255.
    """
    name = name or (source if isinstance(source, str) else '<bytes>')
    mask = read_png(source, name)
    if mask.ndim != 2:
        raise LabelError(f'{name}: a class mask must be single-channel, got shape {mask.shape}')
    values = np.unique(mask)
    illegal = values[(values >= num_classes) & (values != IGNORE_INDEX)]
    if illegal.size:
        raise LabelError(f'{name}: illegal class ids {illegal.tolist()} (expected 0..'
                         f'{num_classes - 1} or {IGNORE_INDEX})')
    return mask


def png_bytes(array: np.ndarray) -> bytes:
    """Encodes a uint8 array (H x W, or H x W x 3/4) as PNG bytes."""
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format='PNG')
    return buffer.getvalue()


def rle_encode(mask: np.ndarray) -> Dict[str, object]:
    """Encodes a binary H x W mask as a Scalabel RLE ``{"counts": str, "size": [h, w]}``."""
    from pycocotools import mask as mask_utils
    rle = mask_utils.encode(np.asfortranarray(mask.astype(np.uint8)))
    return {'counts': rle['counts'].decode('ascii'), 'size': [int(s) for s in rle['size']]}


def rle_runs(counts: Union[str, bytes]) -> np.ndarray:
    """The run lengths a COCO compressed RLE ``counts`` string encodes, read as pycocotools does.

    Each number is written in 5-bit groups, least significant first, one character (``'0'`` +
    group, ``0x20`` set while more groups follow, ``0x10`` of the last one the sign); from the
    fourth number on, each is stored as its difference to the number two places before.

    Raises:
        ValueError: a character outside ``'0'..'o'``, a number longer than
            :data:`MAX_RLE_DIGITS` characters or cut off at the end, or a negative run.
    """
    raw = counts.encode('utf-8') if isinstance(counts, str) else bytes(counts)
    codes = np.frombuffer(raw, dtype=np.uint8).astype(np.int64) - ord('0')
    if not codes.size:
        return codes
    if codes.min() < 0 or codes.max() > 0x3f:
        raise ValueError("counts holds characters outside '0'..'o'")
    last = (codes & 0x20) == 0
    if not last[-1]:
        raise ValueError('counts ends inside a number')
    starts = np.flatnonzero(np.concatenate(([True], last[:-1])))
    digits = np.diff(np.append(starts, codes.size))
    if digits.max() > MAX_RLE_DIGITS:
        raise ValueError(f'counts holds a number of more than {MAX_RLE_DIGITS} characters')
    position = np.arange(codes.size) - np.repeat(starts, digits)
    values = np.add.reduceat((codes & 0x1f) << (5 * position), starts)
    values -= (codes[last] & 0x10 > 0) << (5 * digits)  # sign extension
    runs = values.copy()
    runs[1::2] = np.cumsum(values[1::2])
    runs[2::2] = np.cumsum(values[2::2])
    if runs.min() < 0:
        raise ValueError('counts holds a negative run length')
    return runs


def check_rle_counts(rle: Any, name: str) -> None:
    """Checks an RLE: a ``size`` [height, width] of positive integers and string ``counts`` whose
    runs cover exactly the mask.

    pycocotools trusts the counts: a string that is malformed or covers fewer or more pixels than
    ``size`` makes it read or write outside its buffers.

    Raises:
        LabelError: a bad size, bad counts, runs that do not add up to height x width, or a mask
            of more than :data:`MAX_MASK_PIXELS` pixels (names ``name``).
    """
    size = rle.get('size') if isinstance(rle, dict) else None
    counts = rle.get('counts') if isinstance(rle, dict) else None
    if (not isinstance(counts, (str, bytes)) or not isinstance(size, (list, tuple))
            or len(size) != 2 or not all(isinstance(s, numbers.Integral)
                                         and not isinstance(s, bool) and s > 0 for s in size)):
        raise LabelError(f'{name}: rle must have a string "counts" and a "size" [height, width] '
                         f'of positive integers, got {str(rle)[:80]}')
    height, width = int(size[0]), int(size[1])
    if height * width > MAX_MASK_PIXELS:
        raise LabelError(f'{name}: rle size {[height, width]} exceeds {MAX_MASK_PIXELS} pixels')
    try:
        runs = rle_runs(counts)
    except ValueError as err:
        raise LabelError(f'{name}: malformed rle counts ({err})') from None
    if int(runs.sum()) != height * width:
        raise LabelError(f'{name}: rle counts cover {int(runs.sum())} pixels, but its size '
                         f'{[height, width]} has {height * width}')


def check_rle_label(rle: Any, path: str, frame: Frame, label: Label) -> None:
    """Checks a label's ``rle`` (see :func:`check_rle_counts`), naming ``path``, frame and label.

    Raises:
        LabelError: a malformed RLE.
    """
    check_rle_counts(rle, where(path, frame, label))


def rle_decode(rle: Dict[str, object], name: str = '<rle>') -> np.ndarray:
    """Decodes a Scalabel RLE into a binary uint8 H x W mask.

    Raises:
        LabelError: the counts do not describe a mask of the size (see :func:`check_rle_counts`).
    """
    from pycocotools import mask as mask_utils
    check_rle_counts(rle, name)
    counts = rle['counts']
    return mask_utils.decode({'counts': counts.encode('ascii') if isinstance(counts, str)
                              else counts, 'size': list(rle['size'])})


def instance_rles(instances: np.ndarray) -> Dict[int, Dict[str, object]]:
    """Encodes every instance of an H x W instance-id map (0 = background) as a Scalabel RLE.

    One pass over the map (runs in column-major order, as COCO RLE counts them) instead of one
    binary mask per instance; the result equals :func:`rle_encode` of ``instances == id``.

    Returns:
        ``{instance id: {"counts": str, "size": [h, w]}}`` for each id > 0, in increasing id order.
    """
    from pycocotools import mask as mask_utils
    height, width = instances.shape
    flat = np.ascontiguousarray(instances.T).ravel()
    starts = np.concatenate(([0], np.flatnonzero(flat[1:] != flat[:-1]) + 1))
    ends = np.append(starts[1:], flat.size)
    values = flat[starts]
    keep = values > 0
    starts, ends, values = starts[keep], ends[keep], values[keep]
    order = np.argsort(values, kind='stable')
    starts, ends, values = starts[order], ends[order], values[order]
    ids, first = np.unique(values, return_index=True)
    rles = {}
    for index, instance_id in enumerate(ids):
        stop = first[index + 1] if index + 1 < len(ids) else len(values)
        bounds = np.empty(2 * (stop - first[index]) + 2, dtype=np.int64)
        bounds[0], bounds[-1] = 0, flat.size
        bounds[1:-1:2], bounds[2:-1:2] = starts[first[index]:stop], ends[first[index]:stop]
        counts = np.diff(bounds).tolist()
        if counts[-1] == 0:  # COCO RLE has no trailing empty run
            counts.pop()
        rle = mask_utils.frPyObjects({'counts': counts, 'size': [height, width]}, height, width)
        rles[int(instance_id)] = {'counts': rle['counts'].decode('ascii'),
                                  'size': [height, width]}
    return rles
