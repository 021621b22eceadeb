"""Lane masks <-> the per-attribute maps of a model with one head per attribute (torch).

Training: :func:`attribute_target` turns a batch of official lane masks into one head's target
(0 background, ``1 + value index`` on markings, :data:`IGNORE_INDEX` where ignored). Testing:
:func:`lane_mask_of` keeps the ridges of the marking score (:func:`suppress_non_maxima`, the
BDD100K paper's gradient-based non-maximum suppression), thins them to one pixel (morphological
thinning, as the paper's evaluation) and encodes the heads' answers as an official lane mask.
"""
from typing import Dict, Sequence

import torch
from skimage import morphology
import torch.nn.functional as F
from torch import Tensor

from ..labels.categories import LANE_ATTRIBUTES
from ..labels.lanes import ATTRIBUTE_BITS, BACKGROUND_BIT, LANE_BACKGROUND

#: The target of ignored pixels (mmseg's ``ignore_index``).
IGNORE_INDEX = 255
#: Gradient directions are binned into 4 (0, 45, 90, 135 degrees); the neighbour offsets
#: (dy, dx) compared along each.
NEIGHBOURS = ((0, 1), (1, 1), (1, 0), (1, -1))


def check_attribute(attribute: str, ignored: Sequence[str] = ()) -> None:
    """Checks a lane attribute name and values of it to ignore.

    Raises:
        ValueError: an unknown attribute or value.
    """
    if attribute not in LANE_ATTRIBUTES:
        raise ValueError(f'unknown lane attribute {attribute!r} (expected one of '
                         f'{", ".join(LANE_ATTRIBUTES)})')
    unknown = set(ignored) - set(LANE_ATTRIBUTES[attribute])
    if unknown:
        raise ValueError(f'unknown {attribute} values {sorted(unknown)} to ignore')


def attribute_target(lane_maps: Tensor, attribute: str, ignored: Sequence[str] = ()) -> Tensor:
    """One attribute's training target of lane masks (any shape, official encoding).

    Args:
        lane_maps: lane mask values; values other than 0..255 (e.g. padding) are ignored.
        attribute: ``'direction'``, ``'style'`` or ``'category'``.
        ignored: values of the attribute whose pixels are ignored (e.g. ``'single other'``).

    Returns:
        int64, same shape: 0 background, ``1 + index`` of the value, :data:`IGNORE_INDEX`.

    Raises:
        ValueError: an unknown attribute or value.
    """
    check_attribute(attribute, ignored)
    lane_maps = lane_maps.long()
    offset, width = ATTRIBUTE_BITS[attribute]
    values = (lane_maps >> offset) & ((1 << width) - 1)
    markings = (lane_maps >> BACKGROUND_BIT) & 1 == 0
    target = torch.where(markings, values + 1, torch.zeros_like(values))
    for name in ignored:
        target[markings & (values == LANE_ATTRIBUTES[attribute].index(name))] = IGNORE_INDEX
    target[(lane_maps < 0) | (lane_maps > LANE_BACKGROUND)] = IGNORE_INDEX
    return target


def suppress_non_maxima(score: Tensor) -> Tensor:
    """Where an H x W score is a maximum across its ridge (along its gradient direction).

    Pixels are compared with both neighbours along the gradient, binned into 4 directions; ties
    keep both pixels, so a ridge may stay up to 3 pixels wide (diagonals, plateaus): thin it.
    """
    padded = F.pad(score[None, None], (1, 1, 1, 1), mode='replicate')[0, 0]
    grad_y = (padded[2:, 1:-1] - padded[:-2, 1:-1]) / 2
    grad_x = (padded[1:-1, 2:] - padded[1:-1, :-2]) / 2
    angle = torch.rad2deg(torch.atan2(grad_y, grad_x)) % 180
    bins = torch.round(angle / 45).long() % 4
    height, width = score.shape
    keep = torch.zeros_like(score, dtype=torch.bool)
    for index, (dy, dx) in enumerate(NEIGHBOURS):
        ahead = padded[1 + dy:1 + dy + height, 1 + dx:1 + dx + width]
        behind = padded[1 - dy:1 - dy + height, 1 - dx:1 - dx + width]
        keep |= (bins == index) & (score >= ahead) & (score >= behind)
    return keep


def lane_mask_of(probabilities: Dict[str, Tensor], threshold: float = 0.5,
                 thin: bool = True) -> Tensor:
    """The official lane mask (uint8 H x W) of the heads' class probabilities.

    Args:
        probabilities: per attribute, its head's softmax (``1 + values`` x H x W, background
            first).
        threshold: a pixel is a marking where the mean foreground probability of the heads
            exceeds it.
        thin: keep only its ridges (:func:`suppress_non_maxima`), thinned to one pixel.
    """
    score = torch.stack([1 - probs[0] for probs in probabilities.values()]).mean(0)
    markings = score > threshold
    if thin:
        ridges = (markings & suppress_non_maxima(score)).cpu().numpy()
        markings = torch.from_numpy(morphology.thin(ridges)).to(score.device)
    mask = torch.zeros(score.shape, dtype=torch.uint8, device=score.device)
    for attribute, probs in probabilities.items():
        offset, _ = ATTRIBUTE_BITS[attribute]
        mask |= (probs[1:].argmax(0).to(torch.uint8) << offset)
    return torch.where(markings, mask, torch.full_like(mask, LANE_BACKGROUND))
