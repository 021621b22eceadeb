"""Box AP exactly as scalabel's ``evaluate_det`` computes it, from compact per-image arrays.

``evaluate_det`` converts every frame to COCO dicts and runs pycocotools' ``COCOeval``, whose
per-image matching and precision envelope are Python loops over every detection: minutes for 10K
images with 100 detections each. Here each image is matched once, per category, with the same
rules on arrays (the IoUs come from the same ``pycocotools.mask.iou``), and the per-image matches
are accumulated with the same formulas and orderings, so every number is identical; slices of the
set reuse the matches. The summary is built by scalabel's own ``COCOevalV2.summarize``.

The matching rules, per image, category and area range (pycocotools ``evaluateImg``): detections
in decreasing score (stable), at most 100; for each IoU threshold each detection takes, among the
ground truths not yet taken (crowds may be taken again), the one of highest IoU at or above the
threshold (the last of equals), preferring ground truths that are not ignored (crowd or outside the
area range); an unmatched detection outside the area range is ignored.
"""
from dataclasses import dataclass
from typing import Dict, Mapping, Optional, Sequence, Tuple

import numpy as np
from pycocotools import mask as mask_utils
from pycocotools.cocoeval import Params
from scalabel.eval.detect import COCOV2, COCOevalV2, DetResult
from scalabel.label.utils import get_leaf_categories

from .configs import scalabel_config
from .scalabel_io import quiet

#: pycocotools' box evaluation parameters (IoU and recall thresholds, area ranges, max detections).
PARAMS = Params(iouType='bbox')
#: The IoU each threshold asks for (pycocotools caps 1.0 just below it).
IOU_FLOORS = np.minimum(PARAMS.iouThrs, 1 - 1e-10)
AREA_RANGES = np.array(PARAMS.areaRng, dtype=np.float64)
MAX_DETS = PARAMS.maxDets[-1]


def official_categories() -> Tuple[str, ...]:
    """The det config's leaf categories, in the order scalabel numbers them."""
    return tuple(category.name for category in get_leaf_categories(
        scalabel_config('det').categories))


@dataclass
class ImageBoxes:
    """One image's boxes as COCO arrays, labels in their frame's order.

    Attributes:
        gt_boxes: G x 4 ground-truth ``[x, y, w, h]`` (float64).
        gt_categories: G category indices (0-based, in the config's leaf order).
        gt_crowd: G flags: crowd or ignored (scored as COCO ``iscrowd``).
        dt_boxes: D x 4 predicted ``[x, y, w, h]`` (float64).
        dt_scores: D scores (float64).
        dt_categories: D category indices.
    """

    gt_boxes: np.ndarray
    gt_categories: np.ndarray
    gt_crowd: np.ndarray
    dt_boxes: np.ndarray
    dt_scores: np.ndarray
    dt_categories: np.ndarray


@dataclass
class CategoryMatches:
    """The matches of one category in one image (pycocotools' ``evalImgs`` for every area range).

    Attributes:
        scores: the kept detections' scores, decreasing.
        matched: A x T x D whether each detection matched, per area range and IoU threshold.
        ignored: A x T x D whether each detection is ignored.
        positives: A counts of ground truths not ignored.
    """

    scores: np.ndarray
    matched: np.ndarray
    ignored: np.ndarray
    positives: np.ndarray


def box2d_to_coco(boxes: np.ndarray) -> np.ndarray:
    """N x 4 Scalabel ``box2d`` ``[x1, y1, x2, y2]`` (inclusive) -> COCO ``[x, y, w, h]`` as
    scalabel's ``box2d_to_bbox`` computes them (``w = x2 - x1 + 1``, in this order)."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    return np.stack([boxes[:, 0], boxes[:, 1], boxes[:, 2] - boxes[:, 0] + 1,
                     boxes[:, 3] - boxes[:, 1] + 1], axis=1)


def xyxy_to_coco(xyxy: np.ndarray) -> np.ndarray:
    """N x 4 OpenMMLab ``[x1, y1, x2, y2)`` -> the COCO boxes the official evaluation makes of
    their exported ``box2d`` (:func:`bdd100k_zoo.labels.boxes.xyxy_to_box2d` subtracts 1 from the
    right and bottom, in float64)."""
    boxes = np.asarray(xyxy, dtype=np.float64).reshape(-1, 4)
    return box2d_to_coco(np.stack([boxes[:, 0], boxes[:, 1], boxes[:, 2] - 1.0,
                                   boxes[:, 3] - 1.0], axis=1))


def label_arrays(labels: Sequence[Mapping], categories: Mapping[str, int]
                 ) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """COCO boxes, category indices, crowd flags and scores of checked, category-mapped Scalabel
    labels (as :func:`bdd100k_zoo.evaluation.inputs.prepare_frames` returns them); labels without
    ``box2d`` or of a category outside ``categories`` are left out, as scalabel does."""
    kept = [label for label in labels
            if label.get('box2d') is not None and label.get('category') in categories]
    corners = [[label['box2d'][key] for key in ('x1', 'y1', 'x2', 'y2')] for label in kept]
    attributes = [label.get('attributes') or {} for label in kept]
    return (box2d_to_coco(corners),
            np.array([categories[label['category']] for label in kept], dtype=np.int64),
            np.array([bool(a.get('crowd', False)) or bool(a.get('ignored', False))
                      for a in attributes], dtype=bool),
            np.array([label.get('score') or 0.0 for label in kept], dtype=np.float64))


def areas(boxes: np.ndarray) -> np.ndarray:
    """COCO box areas ``w * h``."""
    return boxes[:, 2] * boxes[:, 3]


def outside(area: np.ndarray) -> np.ndarray:
    """A x N: whether each area is outside each area range (bounds included in the range)."""
    return (area[None, :] < AREA_RANGES[:, :1]) | (area[None, :] > AREA_RANGES[:, 1:])


def greedy_matches(ious: np.ndarray, gt_ignored: np.ndarray, crowd: np.ndarray
                   ) -> np.ndarray:
    """A x T x D: the ground truth each detection takes (-1: none), every area range and IoU
    threshold at once.

    Args:
        ious: D x G, detections in decreasing score.
        gt_ignored: A x G whether each ground truth is ignored in each area range.
        crowd: G crowd flags (a crowd can be taken by several detections).
    """
    n_dets, n_gts = ious.shape
    taken = np.zeros((len(AREA_RANGES), len(IOU_FLOORS), n_gts), dtype=bool)
    choice = np.full((len(AREA_RANGES), len(IOU_FLOORS), n_dets), -1, dtype=np.int64)
    reachable = ious >= IOU_FLOORS[0]
    regular = ~gt_ignored[:, None, :]
    for det in np.flatnonzero(reachable.any(axis=1)):
        row = ious[det]
        candidates = (row >= IOU_FLOORS[:, None])[None] & ~taken
        preferred = candidates & regular
        pool = np.where(preferred.any(axis=2, keepdims=True), preferred, candidates)
        found = pool.any(axis=2)
        if not found.any():
            continue
        # the last ground truth of highest IoU in the pool (the scan keeps the last of equals)
        last = n_gts - 1 - np.argmax(np.where(pool, row, -1.0)[..., ::-1], axis=2)
        area_index, threshold_index = np.nonzero(found)
        gt = last[area_index, threshold_index]
        choice[area_index, threshold_index, det] = gt
        taken[area_index, threshold_index, gt] = ~crowd[gt]
    return choice


def category_matches(gt_boxes: np.ndarray, gt_crowd: np.ndarray, dt_boxes: np.ndarray,
                     dt_scores: np.ndarray) -> CategoryMatches:
    """The matches of one category in one image (pycocotools ``computeIoU`` + ``evaluateImg``)."""
    order = np.argsort(-dt_scores, kind='mergesort')[:MAX_DETS]
    dt_boxes, scores = dt_boxes[order], dt_scores[order]
    gt_ignored = gt_crowd[None, :] | outside(areas(gt_boxes))
    shape = (len(AREA_RANGES), len(IOU_FLOORS), len(scores))
    matched, ignored = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
    if len(gt_boxes) and len(dt_boxes):
        ious = np.asarray(mask_utils.iou(dt_boxes, gt_boxes, gt_crowd.astype(np.uint8)))
        choice = greedy_matches(ious, gt_ignored, gt_crowd)
        matched = choice >= 0
        ignored = matched & np.take_along_axis(
            np.repeat(gt_ignored[:, None, :], len(IOU_FLOORS), axis=1), np.maximum(choice, 0),
            axis=2)
    ignored |= ~matched & outside(areas(dt_boxes))[:, None, :]
    return CategoryMatches(scores, matched, ignored, (~gt_ignored).sum(axis=1))


def image_matches(image: ImageBoxes) -> Dict[int, CategoryMatches]:
    """``{category index: matches}`` for every category the image has boxes of."""
    out = {}
    for category in np.union1d(image.gt_categories, image.dt_categories).astype(int):
        gts = image.gt_categories == category
        dts = image.dt_categories == category
        out[int(category)] = category_matches(image.gt_boxes[gts], image.gt_crowd[gts],
                                              image.dt_boxes[dts], image.dt_scores[dts])
    return out


def envelope_precision(matched: np.ndarray, ignored: np.ndarray, positives: int
                       ) -> Tuple[np.ndarray, np.ndarray]:
    """Precision at the recall thresholds (T x R) and final recall (T) of ranked detections.

    Args:
        matched: T x N whether each detection (in decreasing score) matched.
        ignored: T x N whether it is ignored.
        positives: ground truths not ignored.
    """
    true_pos = np.cumsum(matched & ~ignored, axis=1).astype(float)
    false_pos = np.cumsum(~matched & ~ignored, axis=1).astype(float)
    count = matched.shape[1]
    precision = np.zeros((len(IOU_FLOORS), len(PARAMS.recThrs)))
    recall = np.zeros(len(IOU_FLOORS))
    for t in range(len(IOU_FLOORS)):
        if not count:
            continue
        rc = true_pos[t] / positives
        pr = true_pos[t] / (false_pos[t] + true_pos[t] + np.spacing(1))
        pr = np.maximum.accumulate(pr[::-1])[::-1]
        recall[t] = rc[-1]
        at = np.searchsorted(rc, PARAMS.recThrs, side='left')
        inside = at < count
        precision[t, inside] = pr[at[inside]]
    return precision, recall


def accumulate(matches: Sequence[Dict[int, CategoryMatches]], num_categories: int
               ) -> Tuple[np.ndarray, np.ndarray]:
    """pycocotools' ``accumulate``: precision T x R x K x A x M and recall T x K x A x M (-1 where
    a category has no ground truth), images in the given order."""
    shape = (len(IOU_FLOORS), num_categories, len(AREA_RANGES), len(PARAMS.maxDets))
    precision = -np.ones(shape[:1] + (len(PARAMS.recThrs),) + shape[1:])
    recall = -np.ones(shape)
    for category in range(num_categories):
        found = [image[category] for image in matches if category in image]
        if not found:
            continue
        scores = np.concatenate([item.scores for item in found])
        rank = np.concatenate([np.arange(len(item.scores)) for item in found])
        matched = np.concatenate([item.matched for item in found], axis=2)
        ignored = np.concatenate([item.ignored for item in found], axis=2)
        positives = np.sum([item.positives for item in found], axis=0)
        for m, max_dets in enumerate(PARAMS.maxDets):
            kept = rank < max_dets
            order = np.argsort(-scores[kept], kind='mergesort')
            for a in range(len(AREA_RANGES)):
                if not positives[a]:
                    continue
                pr, rc = envelope_precision(matched[a][:, kept][:, order],
                                            ignored[a][:, kept][:, order], positives[a])
                precision[:, :, category, a, m] = pr
                recall[:, category, a, m] = rc
    return precision, recall


def empty_result(categories: Sequence[str], images: Sequence[ImageBoxes]) -> DetResult:
    """scalabel's result when no image has a prediction (0 for categories with ground truth)."""
    present = set(np.concatenate([image.gt_categories for image in images]).astype(int).tolist()
                  if images else [])
    coco = {'images': [], 'categories': [{'id': i + 1, 'name': name}
                                         for i, name in enumerate(categories)],
            'annotations': [{'id': i + 1, 'image_id': 0, 'category_id': category + 1}
                            for i, category in enumerate(sorted(present))]}
    with quiet():
        return DetResult.empty(COCOV2(None, coco))


def box_ap(images: Sequence[ImageBoxes], categories: Sequence[str],
           matches: Optional[Sequence[Dict[int, CategoryMatches]]] = None) -> DetResult:
    """scalabel's ``evaluate_det`` result for images already in its order (sorted by name).

    Args:
        images: the images' boxes.
        categories: the leaf category names of the config (index = category index).
        matches: the images' :func:`image_matches`, if already computed (e.g. for slices).
    """
    if not any(len(image.dt_scores) for image in images):
        return empty_result(categories, images)
    if matches is None:
        matches = [image_matches(image) for image in images]
    precision, recall = accumulate(matches, len(categories))
    evaluator = COCOevalV2(list(categories), iouType='bbox', nproc=1)
    evaluator.params.catIds = list(range(1, len(categories) + 1))
    evaluator.eval = {'precision': precision, 'recall': recall}
    return evaluator.summarize()
