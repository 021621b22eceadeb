"""Pixel-level anomaly metrics: AP, AUROC and FPR95, exact or binned, pooled or per image.

Labels are uint8 maps with 1 = anomaly, 0 = known class, 255 = ignored; scores are float maps of
the same size, higher = more anomalous. By default every valid pixel of every image is pooled (the
Fishyscapes rule, ``bdlb`` of hermannsblum/bdl-benchmark): AP is the step-wise average precision
(equal to sklearn's ``average_precision_score``), AUROC the area under the ROC curve (equal to
sklearn's ``roc_auc_score``), FPR95 the false positive rate at the first operating point whose true
positive rate is at least 0.95 (no interpolation).

Public API (signatures are stable):

- ``split_scores(label, score, name='image') -> (pos, neg)``: the float32 scores of the valid
  anomaly and known pixels of one image, after checking values and sizes (``LabelError`` naming
  ``name``).
- ``exact_metrics(pos, neg, fpr_rule='fishyscapes') -> CurveMetrics``: exact curves of pooled
  scores (fractions in [0, 1], NaN when there is no positive or no negative).
- ``score_bins(values, bits) -> np.ndarray``: the order-preserving bin of every float32 value.
  ``histogram(values, bits) -> np.ndarray``: their counts over all ``2 ** bits`` bins.
- ``binned_metrics(pos_hist, neg_hist, fpr_rule='fishyscapes') -> (CurveMetrics, CurveMetrics)``:
  the curves of two histograms over the same bins and the bounds of their distance to the exact
  values.
- ``AnomalyAccumulator(mode='exact', bits=20, fpr_rule='fishyscapes', per_image=False)``: streams
  images with ``add(label, score, name)`` (or ``add_part(image_part(label, score, name))``: the
  compact part of one image to keep meanwhile), merges other accumulators with
  ``merge(other.state())`` and gives ``summary()`` (percent: ``AP``, ``AUROC``, ``FPR95`` and with
  ``per_image`` ``AP_img``, ``AUROC_img``, ``FPR95_img``); ``result(levels=None)`` gives the
  summary and the extras (rule, mode, counts, binned error bounds); ``levels()`` the pooled
  operating points, for ``f1_threshold(levels)``.
- ``anomaly_metrics(labels, scores, **options) -> Dict[str, float]``: the summary of a few maps.

FPR rules (``fpr_rule``): ``fishyscapes`` (default, above); ``interpolate``: linear
interpolation of the ROC curve at TPR 0.95 (``np.interp`` on sklearn's ``roc_curve``, as the
``ood_metrics`` package's ``fpr_at_95_tpr``); ``nearest``: the TPR level closest to 0.95 (the
higher one on a tie) at its lowest threshold, as hendrycks/anomaly-seg's
``fpr_and_fdr_at_recall`` picks it walking the curve up from full recall.

Memory: the exact mode keeps 4 bytes per valid pixel; the binned mode keeps two histograms of
``2 ** bits`` counts (16 MB at the default 20 bits) whatever the number of pixels, and reports
bounds that provably contain the exact values.
"""
import math
import warnings
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Tuple

import numpy as np
from scipy.special import digamma

from ..labels import LabelError

ANOMALY, KNOWN, IGNORED = 1, 0, 255
TPR_LEVEL = 0.95
FPR_RULES = ('fishyscapes', 'interpolate', 'nearest')
MODES = ('exact', 'binned')
MAX_BITS = 24
METRIC_NAMES = ('AP', 'AUROC', 'FPR95')


class CurveMetrics(NamedTuple):
    """AP, AUROC and FPR95 as fractions (NaN where undefined)."""

    ap: float
    auroc: float
    fpr95: float


UNDEFINED = CurveMetrics(math.nan, math.nan, math.nan)


class Levels(NamedTuple):
    """The operating points at the thresholds that hold positives, in descending order.

    Attributes:
        count: positives at each threshold.
        tp: positives at or above each threshold (cumulative).
        fp: negatives at or above each threshold.
        tied: negatives equal to (exact) or in the bin of (binned) each threshold.
        positives: all positives (P).
        negatives: all negatives (N).
        values: the threshold of each level (binned: the lowest float of the bin).
    """

    count: np.ndarray
    tp: np.ndarray
    fp: np.ndarray
    tied: np.ndarray
    positives: int
    negatives: int
    values: np.ndarray


def check_rule(fpr_rule: str) -> None:
    """Raises ValueError for an unknown FPR rule."""
    if fpr_rule not in FPR_RULES:
        raise ValueError(f'unknown fpr_rule {fpr_rule!r}; expected one of {", ".join(FPR_RULES)}')


def split_scores(label: np.ndarray, score: np.ndarray,
                 name: str = 'image') -> Tuple[np.ndarray, np.ndarray]:
    """The scores of the valid anomaly and known pixels of one image.

    Args:
        label: H x W map of 0 (known), 1 (anomaly) and 255 (ignored).
        score: H x W float map (higher = more anomalous); cast to float32.
        name: the image or file named in errors.

    Returns:
        ``(pos, neg)``: float32 scores of the anomaly and the known pixels (-0.0 made +0.0).

    Raises:
        LabelError: sizes differ, a label value is not 0/1/255, or a score is NaN.
    """
    label, score = np.asarray(label), np.asarray(score)
    if label.ndim != 2 or score.shape != label.shape:
        raise LabelError(f'{name}: score map of shape {score.shape} does not match the label '
                         f'map of shape {label.shape} (both must be H x W)')
    bad = (label != ANOMALY) & (label != KNOWN) & (label != IGNORED)
    if bad.any():
        raise LabelError(f'{name}: label values must be 0, 1 or 255, got '
                         f'{sorted(np.unique(label[bad]).tolist())[:5]}')
    if not np.issubdtype(score.dtype, np.floating):
        raise LabelError(f'{name}: scores must be floats, got {score.dtype}')
    score = score.astype(np.float32, copy=False)
    if np.isnan(score).any():
        raise LabelError(f'{name}: the score map holds NaN')
    return score[label == ANOMALY] + np.float32(0), score[label == KNOWN] + np.float32(0)


def exact_levels(pos: np.ndarray, neg: np.ndarray) -> Levels:
    """The :class:`Levels` of raw scores; sorts ``neg`` in place (it must be a private copy)."""
    neg.sort()
    values, count = np.unique(pos, return_counts=True)
    values, count = values[::-1], count[::-1]
    below = np.searchsorted(neg, values, 'left')
    tied = np.searchsorted(neg, values, 'right') - below
    return Levels(count, np.cumsum(count), neg.size - below, tied, pos.size, neg.size, values)


def binned_levels(pos_hist: np.ndarray, neg_hist: np.ndarray) -> Levels:
    """The :class:`Levels` of two histograms over the same ascending bins (each bin one
    threshold)."""
    neg_hist = np.asarray(neg_hist, np.int64)
    at_or_above = np.cumsum(neg_hist[::-1])[::-1]
    held = np.flatnonzero(pos_hist)[::-1]
    count = np.asarray(pos_hist, np.int64)[held]
    return Levels(count, np.cumsum(count), at_or_above[held], neg_hist[held], int(count.sum()),
                  int(neg_hist.sum()), bin_floor(held, len(neg_hist).bit_length() - 1))


def fpr_at_tpr(levels: Levels, fpr_rule: str) -> float:
    """The FPR at TPR 0.95 by ``fpr_rule`` (see the module docstring)."""
    tpr = levels.tp / levels.positives
    fpr = levels.fp / levels.negatives
    if fpr_rule == 'fishyscapes':
        return float(fpr[np.searchsorted(tpr, TPR_LEVEL, 'left')])
    # Negatives strictly above each threshold: the corner before its vertical ROC step.
    before = (levels.fp - levels.tied) / levels.negatives
    above_next = np.append(before[1:], fpr[-1])
    if fpr_rule == 'nearest':
        distance = np.abs(tpr - TPR_LEVEL)
        best = np.flatnonzero(distance == distance.min())[-1]
        return float(above_next[best])
    # interpolate: the ROC corners (0, 0), per level the corner before its step and after it.
    xs = np.concatenate([[0.0], np.column_stack([np.r_[0.0, tpr[:-1]], tpr]).ravel(), [1.0]])
    ys = np.concatenate([[0.0], np.column_stack([before, fpr]).ravel(), [1.0]])
    return float(np.interp(TPR_LEVEL, xs, ys))


def level_metrics(levels: Levels, fpr_rule: str = 'fishyscapes') -> CurveMetrics:
    """AP, AUROC and FPR95 of :class:`Levels`; NaN with a warning if P or N is zero."""
    check_rule(fpr_rule)
    positives, negatives = levels.positives, levels.negatives
    if positives == 0 or negatives == 0:
        warnings.warn(f'anomaly metrics undefined: {positives} anomaly and {negatives} known '
                      'valid pixels')
        return UNDEFINED
    count = levels.count.astype(np.float64)
    ap = float(np.sum(count * levels.tp / (levels.tp + levels.fp)) / positives)
    lower = negatives - levels.fp
    auroc = float(np.sum(count * (lower + 0.5 * levels.tied)) / positives / negatives)
    return CurveMetrics(ap, auroc, fpr_at_tpr(levels, fpr_rule))


def exact_metrics(pos: np.ndarray, neg: np.ndarray,
                  fpr_rule: str = 'fishyscapes') -> CurveMetrics:
    """Exact AP, AUROC and FPR95 of the scores of positive and negative pixels.

    Args:
        pos: scores of the anomaly pixels (any shape; float32 as :func:`split_scores` gives).
        neg: scores of the known pixels; copied, never modified.
        fpr_rule: one of :data:`FPR_RULES`.
    """
    return level_metrics(exact_levels(np.ravel(pos), np.array(neg, copy=True).ravel()), fpr_rule)


def score_bins(values: np.ndarray, bits: int) -> np.ndarray:
    """The bin of each float32 value: the top ``bits`` bits of its order-preserving uint32 key.

    Any float maps (no range needed): keys of negative floats are their inverted bits, keys of
    non-negative floats have the sign bit set, so the key order is the float order.
    """
    keys = np.ascontiguousarray(values, np.float32).view(np.uint32)
    keys = np.where(keys >> 31 == 1, ~keys, keys | np.uint32(1 << 31))
    return (keys >> np.uint32(32 - bits)).astype(np.int64)


def bin_floor(bins: np.ndarray, bits: int) -> np.ndarray:
    """The lowest float32 of each bin of :func:`score_bins` (its inverse on bin edges)."""
    keys = (np.asarray(bins, np.int64) << (32 - bits)).astype(np.uint32)
    floors = np.where(keys >> 31 == 1, keys & np.uint32(0x7FFFFFFF), ~keys).view(np.float32)
    return np.where(np.isnan(floors), -np.inf, floors).astype(np.float32)


def f1_threshold(levels: Levels) -> float:
    """The threshold of the operating point with the best pixel F1 (``score >= threshold``).

    NaN when there are no positives (Segment-Me-If-You-Can takes the F1-optimal threshold of the
    pooled precision-recall curve for its component metrics).
    """
    if levels.positives == 0:
        return math.nan
    f1 = 2 * levels.tp / (levels.tp + levels.fp + levels.positives)
    return float(levels.values[int(np.argmax(f1))])


def histogram(values: np.ndarray, bits: int) -> np.ndarray:
    """Counts of ``values`` in the ``2 ** bits`` bins of :func:`score_bins`."""
    return np.bincount(score_bins(values, bits), minlength=1 << bits)


def binned_bounds(levels: Levels, binned: CurveMetrics) -> CurveMetrics:
    """Upper bounds of |binned - exact| for AP, AUROC and FPR95 (fishyscapes rule)."""
    count = levels.count.astype(np.float64)
    tied = levels.tied.astype(np.float64)
    above_tp = levels.tp - count
    above_fp = levels.fp - tied
    positives, negatives = levels.positives, levels.negatives

    def positives_first(false: np.ndarray) -> np.ndarray:
        base = above_tp + false + 1
        return count - false * (digamma(base + count) - digamma(base))

    best = float(np.sum(positives_first(above_fp)) / positives)
    worst = float(np.sum(positives_first(above_fp + tied)) / positives)
    ap_bound = max(best - binned.ap, binned.ap - worst, 0.0)
    auroc_bound = float(np.sum(count * tied) / (2 * positives * negatives))
    crossing = np.searchsorted(levels.tp / positives, TPR_LEVEL, 'left')
    return CurveMetrics(ap_bound, auroc_bound, float(tied[crossing] / negatives))


def rule_bounds(levels: Levels, binned: CurveMetrics, fpr_rule: str) -> CurveMetrics:
    """:func:`binned_bounds`, NaN where undefined (the FPR95 bound holds for ``fishyscapes``)."""
    if math.isnan(binned.ap):
        return UNDEFINED
    bounds = binned_bounds(levels, binned)
    return bounds if fpr_rule == 'fishyscapes' else bounds._replace(fpr95=math.nan)


def binned_metrics(pos_hist: np.ndarray, neg_hist: np.ndarray,
                   fpr_rule: str = 'fishyscapes') -> Tuple[CurveMetrics, CurveMetrics]:
    """AP, AUROC and FPR95 of histograms, and bounds of their distance to the exact values.

    Args:
        pos_hist: counts of anomaly pixels per bin (bins in ascending score order).
        neg_hist: counts of known pixels over the same bins.
        fpr_rule: one of :data:`FPR_RULES`; the FPR95 bound holds for ``fishyscapes`` only
            (NaN otherwise).

    Returns:
        ``(metrics, bounds)``: each bound is an upper limit of ``|binned - exact|``.
    """
    levels = binned_levels(pos_hist, neg_hist)
    metrics = level_metrics(levels, fpr_rule)
    return metrics, rule_bounds(levels, metrics, fpr_rule)


def percent(metrics: CurveMetrics, suffix: str = '') -> Dict[str, float]:
    """``{'AP' + suffix: ..., 'AUROC' + suffix: ..., 'FPR95' + suffix: ...}`` in percent."""
    return {name + suffix: 100 * value for name, value in zip(METRIC_NAMES, metrics)}


class AnomalyAccumulator:
    """Streams images into pooled (and optionally per-image) anomaly metrics.

    Args:
        mode: ``'exact'`` (4 bytes per valid pixel) or ``'binned'`` (two histograms of
            ``2 ** bits`` counts; the summary's distance to the exact values is bounded by
            ``extra()['bounds']``).
        bits: bins of the binned mode, ``2 ** bits`` (1 to 24).
        fpr_rule: one of :data:`FPR_RULES`.
        per_image: also average the metrics of each image holding both anomaly and known pixels
            (``AP_img``, ``AUROC_img``, ``FPR95_img``; exact per image in both modes).
    """

    def __init__(self, mode: str = 'exact', bits: int = 20, fpr_rule: str = 'fishyscapes',
                 per_image: bool = False) -> None:
        if mode not in MODES:
            raise ValueError(f'unknown mode {mode!r}; expected one of {", ".join(MODES)}')
        if not 1 <= bits <= MAX_BITS:
            raise ValueError(f'bits must be 1 to {MAX_BITS}, got {bits}')
        check_rule(fpr_rule)
        self.mode, self.bits, self.fpr_rule, self.per_image = mode, bits, fpr_rule, per_image
        self.pos: List[np.ndarray] = []
        self.neg: List[np.ndarray] = []
        self.pos_hist = np.zeros(1 << bits, np.int64) if mode == 'binned' else None
        self.neg_hist = np.zeros(1 << bits, np.int64) if mode == 'binned' else None
        self.images = 0
        self.image_metrics: List[Tuple[float, float, float]] = []

    def add(self, label: np.ndarray, score: np.ndarray, name: str = 'image') -> None:
        """Adds one image (see :func:`split_scores`; errors name ``name``)."""
        self.add_part(self.image_part(label, score, name))

    def image_part(self, label: np.ndarray, score: np.ndarray,
                   name: str = 'image') -> Dict[str, Any]:
        """One image's contribution, compact (exact: its valid scores; binned: its non-empty
        bins and their counts), to keep per image and add later with :meth:`add_part`."""
        pos, neg = split_scores(label, score, name)
        defined = self.per_image and pos.size and neg.size
        part: Dict[str, Any] = {
            'metrics': tuple(exact_metrics(pos, neg, self.fpr_rule)) if defined else None}
        if self.mode == 'exact':
            return dict(part, pos=pos, neg=neg)
        for key, values in (('pos', pos), ('neg', neg)):
            bins, counts = np.unique(score_bins(values, self.bits), return_counts=True)
            part[key] = (bins.astype(np.uint32), counts)
        return part

    def add_part(self, part: Dict[str, Any]) -> None:
        """Adds an :meth:`image_part` of an accumulator with the same options."""
        self.images += 1
        if part['metrics'] is not None:
            self.image_metrics.append(part['metrics'])
        if self.mode == 'exact':
            self.pos.append(part['pos'])
            self.neg.append(part['neg'])
        else:
            for hist, (bins, counts) in ((self.pos_hist, part['pos']),
                                         (self.neg_hist, part['neg'])):
                hist[bins] += counts

    def state(self) -> Dict[str, Any]:
        """Everything added so far as plain numpy arrays (to gather across processes)."""
        if self.mode == 'exact':
            data = {'pos': np.concatenate(self.pos or [np.zeros(0, np.float32)]),
                    'neg': np.concatenate(self.neg or [np.zeros(0, np.float32)])}
        else:
            data = {'pos_hist': self.pos_hist, 'neg_hist': self.neg_hist}
        return dict(data, images=self.images,
                    image_metrics=np.array(self.image_metrics, np.float64).reshape(-1, 3))

    def merge(self, state: Dict[str, Any]) -> None:
        """Adds the :meth:`state` of an accumulator with the same options."""
        self.images += int(state['images'])
        self.image_metrics.extend(tuple(row) for row in state['image_metrics'])
        if self.mode == 'exact':
            self.pos.append(state['pos'])
            self.neg.append(state['neg'])
        else:
            self.pos_hist += state['pos_hist']
            self.neg_hist += state['neg_hist']

    def levels(self) -> Levels:
        """The :class:`Levels` of the pooled pixels (pass them to :meth:`result` and
        :func:`f1_threshold` to sort only once)."""
        if self.mode == 'binned':
            return binned_levels(self.pos_hist, self.neg_hist)
        pos = np.concatenate(self.pos or [np.zeros(0, np.float32)])
        neg = np.concatenate(self.neg or [np.zeros(0, np.float32)])
        self.pos, self.neg = [pos], [neg]
        return exact_levels(pos, neg)

    def summary(self) -> Dict[str, float]:
        """``AP``, ``AUROC``, ``FPR95`` (percent; NaN if undefined) and the ``_img`` means."""
        return self.result()[0]

    def result(self, levels: Optional[Levels] = None) -> Tuple[Dict[str, float], Dict[str, Any]]:
        """The summary and the extras: rule, mode, pixel and image counts and, in binned mode,
        the error ``bounds`` (percent).

        Args:
            levels: :meth:`levels`, if already computed.
        """
        levels = self.levels() if levels is None else levels
        metrics = level_metrics(levels, self.fpr_rule)
        summary = percent(metrics)
        extra: Dict[str, Any] = {'fpr_rule': self.fpr_rule, 'mode': self.mode,
                                 'images': self.images, 'anomaly_pixels': levels.positives,
                                 'known_pixels': levels.negatives}
        if self.mode == 'binned':
            bounds = rule_bounds(levels, metrics, self.fpr_rule)
            extra.update(bits=self.bits, bounds=percent(bounds))
        if self.per_image:
            rows = np.array(self.image_metrics, np.float64).reshape(-1, 3)
            means = rows.mean(axis=0) if len(rows) else [math.nan] * 3
            summary.update(percent(CurveMetrics(*map(float, means)), '_img'))
            extra['images_scored'] = len(rows)
        return summary, extra


def anomaly_metrics(labels: Iterable[np.ndarray], scores: Iterable[np.ndarray],
                    **options: Any) -> Dict[str, float]:
    """The :meth:`AnomalyAccumulator.summary` of label and score maps taken in pairs.

    Args:
        labels: H x W maps of 0/1/255.
        scores: float maps of the same sizes.
        **options: :class:`AnomalyAccumulator` options.
    """
    accumulator = AnomalyAccumulator(**options)
    for index, (label, score) in enumerate(zip(labels, scores)):
        accumulator.add(label, score, f'image {index}')
    return accumulator.summary()
