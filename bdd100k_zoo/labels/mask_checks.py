"""Checks shared by the readers of single-channel masks (sem_seg / drivable class ids, lane bytes).
"""
from typing import Tuple

import numpy as np

from .errors import LabelError


def byte_mask(mask: np.ndarray, name: str, what: str) -> np.ndarray:
    """A single-channel mask of integers as H x W uint8.

    Args:
        mask: the mask (any integer type).
        name: names the mask (file, frame) in errors.
        what: the kind of mask in errors (``'prediction'``, ``'lane'``, ...).

    Raises:
        LabelError: not a 2-D array of integers, or values outside 0..255.
    """
    mask = np.asarray(mask)
    if mask.ndim != 2 or not np.issubdtype(mask.dtype, np.integer):
        raise LabelError(f'{name}: {what} mask must be a single-channel 2-D array of integers, '
                         f'got {mask.dtype} {mask.shape}')
    if mask.dtype != np.uint8:
        if mask.size and (mask.min() < 0 or mask.max() > 255):
            raise LabelError(f'{name}: {what} mask holds values outside 0..255')
        mask = mask.astype(np.uint8)
    return mask


def check_same_size(pred: np.ndarray, gt_shape: Tuple[int, ...], pred_name: str) -> None:
    """Checks a predicted mask has the size of its ground truth.

    Raises:
        LabelError: the sizes differ (names ``pred_name``).
    """
    if pred.shape != tuple(gt_shape):
        raise LabelError(f'{pred_name}: prediction mask has size {pred.shape}, ground truth '
                         f'{tuple(gt_shape)}')
