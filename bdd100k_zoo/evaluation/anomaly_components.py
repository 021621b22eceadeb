"""Component-level anomaly metrics (Segment-Me-If-You-Can), CA-IoU and the known classes' mIoU.

The rules follow the Segment-Me-If-You-Can benchmark code (adynathos/road-anomaly-benchmark,
``metrics/instance_segmentation.py``): the anomaly prediction is ``score >= threshold`` (the
pixel-F1-optimal threshold of the pooled curve, :func:`.anomaly.f1_threshold`), predicted pixels on
ignored ground truth are dropped, components are 8-connected, predicted components smaller than
``min_pred`` pixels are removed and ground-truth components smaller than ``min_gt`` pixels become
ignored (anomaly track 500 / 100, obstacle track 50 / 10).

- sIoU of a ground-truth component A with the predicted components K touching it:
  ``|A & K| / (|A | K| - |K & other ground-truth components|)``;
- PPV of a predicted component P: its share of anomaly pixels (as issue 12 and the benchmark paper
  define it; the benchmark code tests predicted components with an adjusted IoU instead);
- sIoU of a predicted component P (the benchmark code's ``sIoU_pred``), the same with the roles
  swapped: with the ground-truth components K touching it,
  ``|P & K| / (|P | K| - |K & other predicted components|)``;
- for tau in 0.25, 0.30, ..., 0.75: TP = ground-truth components with sIoU >= tau, FN the others,
  FP = predicted components with PPV < tau, F1 = 2 TP / (2 TP + FN + FP); ``mean_F1`` averages the
  11 values. Counts are pooled over images.

CA-IoU (class-agnostic IoU, VCA paper section 4.3) is the IoU of the predicted unknown mask with the
anomaly pixels, over valid pixels of all images. The known classes' mIoU uses scalabel's
``fast_hist``/``per_class_iou`` (as :mod:`.segmentation`), averaged over the classes present in
ground truth or prediction.
"""
import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
from scalabel.eval.sem_seg import fast_hist, per_class_iou
from scipy import ndimage

from .anomaly import ANOMALY, IGNORED

#: (smallest predicted component kept, smallest ground-truth component kept), in pixels.
TRACKS = {'anomaly': (500, 100), 'obstacle': (50, 10)}
TAUS = np.linspace(0.25, 0.75, 11)
EIGHT_CONNECTED = np.ones((3, 3), dtype=bool)


def components(mask: np.ndarray, min_size: int) -> np.ndarray:
    """8-connected components of a boolean mask: 1..n, 0 elsewhere; smaller ones dropped (0)."""
    labelled, count = ndimage.label(mask, structure=EIGHT_CONNECTED)
    if count:
        sizes = np.bincount(labelled.ravel(), minlength=count + 1)
        small = sizes < min_size
        small[0] = True
        keep = np.cumsum(~small) * ~small
        labelled = keep[labelled]
    return labelled


@dataclass
class ComponentStats:
    """Component statistics of any number of images (add them with :meth:`update`).

    Attributes:
        siou: the sIoU of every ground-truth component.
        ppv: the PPV of every predicted component.
        intersection: valid pixels both predicted and anomalous (CA-IoU).
        union: valid pixels predicted or anomalous (CA-IoU).
        siou_pred: the sIoU of every predicted component.
    """

    siou: List[float] = field(default_factory=list)
    ppv: List[float] = field(default_factory=list)
    intersection: int = 0
    union: int = 0
    siou_pred: List[float] = field(default_factory=list)

    def update(self, other: 'ComponentStats') -> None:
        """Adds the statistics of other images."""
        self.siou += other.siou
        self.ppv += other.ppv
        self.intersection += other.intersection
        self.union += other.union
        self.siou_pred += other.siou_pred

    def summary(self) -> Dict[str, float]:
        """``sIoU``, ``sIoU_pred``, ``PPV``, ``mean_F1`` and ``CA_IoU`` in percent (NaN if
        undefined); the means are over the components of all images."""
        siou, ppv = np.array(self.siou), np.array(self.ppv)
        f1 = []
        for tau in TAUS:
            tp = int(np.sum(siou >= tau))
            fp = int(np.sum(ppv < tau))
            total = 2 * tp + (len(siou) - tp) + fp
            f1.append(2 * tp / total if total else math.nan)
        return {'sIoU': _mean_percent(self.siou), 'sIoU_pred': _mean_percent(self.siou_pred),
                'PPV': _mean_percent(self.ppv),
                'mean_F1': 100 * float(np.mean(f1)),
                'CA_IoU': 100 * self.intersection / self.union if self.union else math.nan}


def _mean_percent(values: List[float]) -> float:
    """The mean of fractions in percent; NaN for none."""
    return 100 * float(np.mean(values)) if values else math.nan


def _adjusted_ious(own: np.ndarray, other: np.ndarray) -> List[float]:
    """The sIoU of every component of ``own`` against the components of ``other`` touching it,
    leaving out of the union the pixels of those that lie on other components of ``own``.

    Args:
        own: component map (1..n, 0 elsewhere) whose components are scored.
        other: component map of the other side (ground truth or prediction).
    """
    ious = []
    for index in range(1, int(own.max()) + 1):
        region = own == index
        touching = np.unique(other[region])
        touched = np.isin(other, touching[touching > 0])
        inter = int(np.sum(region & touched))
        elsewhere = int(np.sum(touched & (own > 0) & ~region))
        ious.append(inter / (int(np.sum(region | touched)) - elsewhere))
    return ious


def image_components(label: np.ndarray, predicted: np.ndarray, track: str = 'anomaly',
                     unknown: Optional[np.ndarray] = None) -> ComponentStats:
    """Component statistics of one image.

    Args:
        label: H x W map of 0/1/255 (checked by the caller, e.g. :func:`.anomaly.split_scores`).
        predicted: H x W boolean anomaly prediction (``score >= threshold``, or the unknown class
            of a void/open-set head).
        track: ``'anomaly'`` or ``'obstacle'`` (:data:`TRACKS`).
        unknown: H x W boolean unknown mask of CA-IoU (e.g. the argmax of a void/open-set head
            being its unknown class); None: ``predicted``.
    """
    min_pred, min_gt = TRACKS[track]
    valid = label != IGNORED
    anomaly = label == ANOMALY
    unknown = predicted if unknown is None else unknown
    stats = ComponentStats(intersection=int(np.sum(unknown & anomaly)),
                           union=int(np.sum((unknown & valid) | anomaly)))
    gt = components(anomaly, min_gt)
    small_gt = anomaly & (gt == 0)
    pred = components(predicted & valid & ~small_gt, min_pred)
    stats.siou = _adjusted_ious(gt, pred)
    stats.siou_pred = _adjusted_ious(pred, gt)
    anomaly = gt > 0
    for index in range(1, int(pred.max()) + 1):
        region = pred == index
        stats.ppv.append(float(np.sum(region & anomaly)) / float(np.sum(region)))
    return stats


def known_class_hist(gt: np.ndarray, pred: np.ndarray, num_classes: int) -> np.ndarray:
    """The (K + 1) x (K + 1) confusion histogram of known-class maps (ground truth 255 left out)."""
    return fast_hist(gt.ravel(), pred.ravel(), num_classes + 1).astype(np.int64)


def known_miou(hist: np.ndarray) -> float:
    """The mIoU (percent) of a :func:`known_class_hist` over the classes in ground truth or
    prediction; NaN if none."""
    present = (hist.sum(0) + hist.sum(1) - np.diag(hist))[:-1] > 0
    if not present.any():
        return math.nan
    with np.errstate(invalid='ignore'):  # the ignored column's empty union
        return 100 * float(per_class_iou(hist)[present].mean())
