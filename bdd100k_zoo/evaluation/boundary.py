"""lane_mark: the official boundary F-scores, one distance transform per class and side.

For each value of the three lane attributes (``LANE_CLASSES``: 2 directions, 2 styles, 8
categories), each image gets an F-measure at each tolerance of :data:`BOUND_PIXELS`: a predicted
pixel of the class is a hit if a ground-truth pixel of the class lies within the tolerance
(Euclidean distance), and a ground-truth pixel is found if a predicted one does. A class absent
from both sides scores 1, absent from one side only 0. The scores are averaged over the images
(x 100), then over each attribute's values (``F1_pix1/DIRECTION``, ...), then over the attributes
(``F1_pix1``, ``F1_pix2``, ``F1_pix5``), as ``scalabel.eval.boundary`` (Scalabel JSON) and
``bdd100k.eval.lane`` (mask PNGs) do, with the same numbers.

The official code dilates both masks with a disk once per tolerance (six morphological dilations
per class and image). Dilating by a disk of radius r reaches exactly the pixels within Euclidean
distance r, so here each side of a class takes one exact distance transform (OpenCV), cropped to
the box holding the class's pixels on both sides (the nearest pixel of a class always lies in it),
and all three tolerances are read from it.
"""
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import cv2
import numpy as np

from ..labels.categories import LANE_ATTRIBUTES, LANE_CLASSES
from ..labels.lanes import check_lane_mask, value_masks
from ..labels.mask_checks import check_same_size
from .scores import Scores

#: The tolerances (pixels) of the official scores ``F1_pix1``, ``F1_pix2``, ``F1_pix5``.
BOUND_PIXELS: Tuple[int, ...] = (1, 2, 5)
#: Distances are square roots of integers, so the next one above a tolerance r is at least
#: sqrt(r^2 + 1) > r + 0.09 (r <= 5); this margin only absorbs float32 rounding.
REACH = np.array(BOUND_PIXELS, dtype=np.float64) + 0.05

ClassMasks = Mapping[str, np.ndarray]


def distances_to(target: np.ndarray) -> np.ndarray:
    """Euclidean distance from every pixel to the nearest pixel of a non-empty boolean mask."""
    return cv2.distanceTransform((~target).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)


def hits(distances: np.ndarray) -> np.ndarray:
    """How many of ``distances`` lie within each tolerance."""
    return np.count_nonzero(distances[:, None] <= REACH, axis=0)


def class_f_scores(gt: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """The F-measure of one class in one image at each tolerance (boolean H x W masks)."""
    n_gt, n_pred = int(np.count_nonzero(gt)), int(np.count_nonzero(pred))
    if not n_gt or not n_pred:
        return np.full(len(BOUND_PIXELS), float(n_gt == n_pred))
    either = gt | pred
    rows = np.flatnonzero(either.any(axis=1))
    cols = np.flatnonzero(either.any(axis=0))
    box = slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)
    gt, pred = gt[box], pred[box]
    precision = hits(distances_to(gt)[pred]) / float(n_pred)
    recall = hits(distances_to(pred)[gt]) / float(n_gt)
    total = precision + recall
    with np.errstate(invalid='ignore', divide='ignore'):
        return np.where(total > 0, 2.0 * precision * recall / total, 0.0)


def image_f_scores(gt: ClassMasks, pred: ClassMasks, shape: Tuple[int, int]) -> np.ndarray:
    """The F-measures of one image: :data:`LANE_CLASSES` x :data:`BOUND_PIXELS`.

    Args:
        gt: ground-truth pixels per class (classes left out have none).
        pred: predicted pixels per class, likewise.
        shape: the image size (H, W) every mask has.
    """
    empty = np.zeros(shape, dtype=bool)
    return np.stack([class_f_scores(gt.get(name, empty), pred.get(name, empty))
                     for name in LANE_CLASSES])


def mask_f_scores(gt_mask: np.ndarray, pred_mask: Optional[np.ndarray], name: str,
                  pred_name: Optional[str] = None) -> np.ndarray:
    """The F-measures of one image from lane masks in the official encoding.

    Args:
        gt_mask: H x W ground-truth lane mask.
        pred_mask: H x W predicted lane mask; ``None``: no prediction (no markings).
        name: names the ground truth in errors.
        pred_name: names the prediction in errors (default ``name``).

    Raises:
        LabelError: a mask is malformed or the sizes differ.
    """
    gt = check_lane_mask(gt_mask, name)
    if pred_mask is None:
        return image_f_scores(value_masks(gt), {}, gt.shape)
    pred_name = pred_name or name
    pred = check_lane_mask(pred_mask, pred_name)
    check_same_size(pred, gt.shape, pred_name)
    return image_f_scores(value_masks(gt), value_masks(pred), gt.shape)


def lane_scores(images: Sequence[np.ndarray]) -> Scores:
    """The official scores of a set of images from their :func:`image_f_scores`.

    ``summary``: ``F1_pix<r>`` (mean over the attributes) and ``F1_pix<r>/<ATTRIBUTE>`` (mean over
    its values); ``per_class``: ``{value: {F1_pix<r>: ...}}`` for every value of every attribute.
    """
    if not images:
        raise ValueError('lane_mark: no images to score')
    per_image = np.stack(images)
    metrics = [f'F1_pix{pixels}' for pixels in BOUND_PIXELS]
    per_class: Dict[str, Dict[str, float]] = {}
    attribute_means: List[np.ndarray] = []
    start = 0
    for values in LANE_ATTRIBUTES.values():
        scores = per_image[:, start:start + len(values)].mean(axis=0)
        scores *= 100
        start += len(values)
        for value, row in zip(values, scores):
            per_class[value] = dict(zip(metrics, row.tolist()))
        attribute_means.append(scores.mean(axis=0))
    average = np.stack(attribute_means).mean(axis=0)
    summary: Dict[str, float] = {}
    for index, metric in enumerate(metrics):
        for attribute, means in zip(LANE_ATTRIBUTES, attribute_means):
            summary[f'{metric}/{attribute.upper()}'] = float(means[index])
        summary[metric] = float(average[index])
    return Scores('lane_mark', summary, per_class)


class LaneEvaluator:
    """Accumulates lane masks image by image; :meth:`result` gives the official scores."""

    def __init__(self) -> None:
        self.images: List[np.ndarray] = []

    def add(self, gt_mask: np.ndarray, pred_mask: Optional[np.ndarray], name: str = '<image>',
            pred_name: Optional[str] = None) -> None:
        """Adds one image (see :func:`mask_f_scores`)."""
        self.add_scores(mask_f_scores(gt_mask, pred_mask, name, pred_name))

    def add_scores(self, scores: np.ndarray) -> None:
        """Adds the F-measures of one image computed elsewhere (e.g. in a worker process)."""
        self.images.append(scores)

    def result(self) -> Scores:
        """The scores over the images added so far."""
        return lane_scores(self.images)
