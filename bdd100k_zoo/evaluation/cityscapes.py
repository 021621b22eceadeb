"""Cityscapes pixel-level scores of sem_seg: category IoU and instance-weighted iIoU.

Definitions (following the Cityscapes benchmark, seed ``cityscapes-benchmark.md``), all from the
same confusion histogram as the BDD100K class IoU (ground-truth ignore pixels left out; predictions
of ignore or an out-of-range id count as misses):

- ``IoU`` of a category (flat, construction, object, nature, sky, human, vehicle): TP/(TP+FP+FN)
  with pixels mapped from classes to categories; NaN if the category has no pixel in the ground
  truth nor in the predictions.
- ``iIoU`` of an instance class c (person, rider, car, truck, bus, train, motorcycle, bicycle) needs
  the ground-truth instances of the same images (ins_seg bitmasks; crowd/ignored instances left
  out). For an instance i of size s_i with tp_i of its pixels predicted as c and fn_i = s_i - tp_i,
  iTP = sum_i w_i tp_i and iFN = sum_i w_i fn_i with w_i = S_c / s_i, where S_c is the mean size of
  the class's instances over the whole evaluated set; FP counts the pixels predicted as c whose
  ground truth is another class, unweighted. iIoU = iTP / (iTP + FP + iFN); NaN if the evaluated
  set has no instance of c. For the human and vehicle categories the same holds with "predicted as
  any class of the category" and S the mean size of the category's instances.
- Means (``IoU_category``, ``iIoU_class``, ``iIoU_category``) average the non-NaN values.
All values are percentages, like the BDD100K scores.
"""
import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..labels.categories import (CITYSCAPES_CATEGORIES, CITYSCAPES_INSTANCE_CLASSES,
                                 INS_SEG_CLASSES, SEM_SEG_CLASSES, SEM_TO_INS_CLASS)
from ..labels.masks import Bitmask

NUM_CLASSES = len(SEM_SEG_CLASSES)
#: The categories with instances (iIoU_category).
INSTANCE_CATEGORIES = ('human', 'vehicle')
#: bitmask category id (1-based ins_seg class) -> sem_seg class index.
SEM_OF_BITMASK = {INS_SEG_CLASSES.index(ins) + 1: SEM_SEG_CLASSES.index(sem)
                  for sem, ins in SEM_TO_INS_CLASS.items()}
CATEGORY_MEMBERS = {name: [SEM_SEG_CLASSES.index(cls) for cls in classes]
                    for name, classes in CITYSCAPES_CATEGORIES.items()}
CATEGORY_OF = {index: name for name, members in CATEGORY_MEMBERS.items() for index in members}


def zeros(length: int) -> Dict[str, np.ndarray]:
    """Per-class (or per-category) sums: instance count, size, weighted tp and fn ratios."""
    return {key: np.zeros(length) for key in ('count', 'size', 'tp', 'fn')}


@dataclass
class InstanceStats:
    """Sums over instances, per class and per category (index = class index / category order).

    ``tp`` and ``fn`` hold sum_i tp_i / s_i and sum_i fn_i / s_i; multiplied by the mean instance
    size they give iTP and iFN (the weights need the mean over the whole set, known at the end).
    """

    classes: Dict[str, np.ndarray] = field(default_factory=lambda: zeros(NUM_CLASSES))
    categories: Dict[str, np.ndarray] = field(
        default_factory=lambda: zeros(len(CATEGORY_MEMBERS)))

    def __iadd__(self, other: 'InstanceStats') -> 'InstanceStats':
        for mine, theirs in ((self.classes, other.classes), (self.categories, other.categories)):
            for key in mine:
                mine[key] += theirs[key]
        return self


def instance_stats(pred: np.ndarray, instances: Bitmask) -> InstanceStats:
    """The instance sums of one image.

    Args:
        pred: H x W predicted class indices (values >= ``NUM_CLASSES`` are misses).
        instances: the ground-truth instances of the image (ins_seg bitmask maps).
    """
    stats = InstanceStats()
    foreground = instances.instances > 0
    ids, first, inverse = np.unique(instances.instances[foreground], return_index=True,
                                    return_inverse=True)
    if not len(ids):
        return stats
    width = NUM_CLASSES + 1
    predicted = np.bincount(inverse * width + np.minimum(pred[foreground], NUM_CLASSES),
                            minlength=len(ids) * width).reshape(len(ids), width)
    categories = instances.categories[foreground][first]
    excluded = (instances.attributes[foreground][first] & 3) > 0  # crowd or ignore bits
    category_names = list(CATEGORY_MEMBERS)
    for row, (category, skip) in enumerate(zip(categories, excluded)):
        sem = SEM_OF_BITMASK.get(int(category))
        if sem is None or skip:
            continue
        size = predicted[row].sum()
        cat = category_names.index(CATEGORY_OF[sem])
        for sums, index, hits in ((stats.classes, sem, predicted[row, sem]),
                                  (stats.categories, cat,
                                   predicted[row, CATEGORY_MEMBERS[CATEGORY_OF[sem]]].sum())):
            sums['count'][index] += 1
            sums['size'][index] += size
            sums['tp'][index] += hits / size
            sums['fn'][index] += (size - hits) / size
    return stats


def ratio(tp: float, fp: float, fn: float) -> float:
    """``100 * tp / (tp + fp + fn)``, NaN when the denominator is 0."""
    total = tp + fp + fn
    return 100 * tp / total if total > 0 else math.nan


def mean(values: Sequence[float]) -> float:
    """The mean of the non-NaN values (NaN if none)."""
    finite = [value for value in values if not math.isnan(value)]
    return sum(finite) / len(finite) if finite else math.nan


def weighted_iou(sums: Dict[str, np.ndarray], index: int, fp: float) -> float:
    """iIoU of one class or category from its instance sums and its unweighted FP."""
    if sums['count'][index] == 0:
        return math.nan
    mean_size = sums['size'][index] / sums['count'][index]
    return ratio(mean_size * sums['tp'][index], fp, mean_size * sums['fn'][index])


def cityscapes_scores(hist: np.ndarray, stats: Optional[InstanceStats] = None) -> Dict:
    """Category IoU (and with instance sums, iIoU) from the sem_seg confusion histogram.

    Args:
        hist: the (C+1) x (C+1) histogram (rows ground truth, columns prediction, last = ignore).
        stats: instance sums over the same images, or ``None``.
    """
    conf = hist[:NUM_CLASSES].astype(np.float64)
    rows: Dict[str, Dict[str, float]] = {}
    fps: List[float] = []
    for name, members in CATEGORY_MEMBERS.items():
        others = [i for i in range(NUM_CLASSES) if i not in members]
        tp = conf[np.ix_(members, members)].sum()
        fps.append(conf[np.ix_(others, members)].sum())
        rows[name] = {'IoU': ratio(tp, fps[-1], conf[members].sum() - tp)}
    summary = {'IoU_category': mean([row['IoU'] for row in rows.values()])}
    out: Dict = {'summary': summary, 'categories': rows}
    if stats is None:
        return out
    classes = {}
    for cls in CITYSCAPES_INSTANCE_CLASSES:
        index = SEM_SEG_CLASSES.index(cls)
        classes[cls] = {'iIoU': weighted_iou(stats.classes, index,
                                             conf[:, index].sum() - conf[index, index])}
    for cat_index, name in enumerate(CATEGORY_MEMBERS):
        if name in INSTANCE_CATEGORIES:
            rows[name]['iIoU'] = weighted_iou(stats.categories, cat_index, fps[cat_index])
    summary['iIoU_class'] = mean([row['iIoU'] for row in classes.values()])
    summary['iIoU_category'] = mean([rows[name]['iIoU'] for name in INSTANCE_CATEGORIES])
    out['classes'] = classes
    sizes = {cls: stats.classes['size'][i] / stats.classes['count'][i]
             for cls, i in ((c, SEM_SEG_CLASSES.index(c)) for c in CITYSCAPES_INSTANCE_CLASSES)
             if stats.classes['count'][i]}
    sizes.update({name: stats.categories['size'][i] / stats.categories['count'][i]
                  for i, name in enumerate(CATEGORY_MEMBERS)
                  if name in INSTANCE_CATEGORIES and stats.categories['count'][i]})
    out['mean_instance_size'] = sizes
    return out
