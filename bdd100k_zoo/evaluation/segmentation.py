"""sem_seg and drivable: scalabel's per-image confusion histogram and formulas, in memory.

Per image, scalabel's ``fast_hist`` counts ground truth against prediction over C + 1 indices, the
last one "ignored" (255, and drivable's background id 2): ground-truth ignore pixels are left out,
predicted ignore pixels are misses.
Over the set, IoU/Acc per class, fIoU and pAcc are scalabel's formulas, and mIoU/mAcc average the
classes present in the ground truth. The histogram is summed in 64 bits (scalabel's int32 sum could
overflow on 10K full-size images; the numbers are otherwise identical).

Unlike the official code, which maps any out-of-range prediction to "ignored", masks holding ids
that are neither a class nor 255 (nor 2 for drivable) raise :class:`~bdd100k_zoo.labels.LabelError`.
"""
from dataclasses import dataclass
from functools import partial
from typing import Optional, Sequence, Tuple, Union

import numpy as np
from scalabel.eval.result import AVERAGE
from scalabel.eval.sem_seg import (SegResult, fast_hist, freq_iou, per_class_acc, per_class_iou,
                                   whole_acc)

from ..labels import LabelError
from ..labels.categories import DRIVABLE_CLASSES, SEM_SEG_CLASSES
from ..labels.frames import Frame
from ..labels.mask_checks import byte_mask, check_same_size
from ..labels.masks import IGNORE_INDEX, Bitmask, decode_bitmask
from .cityscapes import InstanceStats, cityscapes_scores, instance_stats
from .mask_sources import class_mask, instance_bitmask
from .parallel import parallel_map
from .scores import Scores, from_result

#: Evaluated classes per task (drivable's background, id 2, is scored as ignored, as officially).
SEG_CLASSES = {'sem_seg': SEM_SEG_CLASSES, 'drivable': DRIVABLE_CLASSES[:2]}


def legal_values(task: str) -> np.ndarray:
    """Which mask values (0..255) are legal: the class ids, 255, and drivable's background 2."""
    legal = np.zeros(256, dtype=bool)
    legal[:len(SEG_CLASSES[task])] = True
    legal[IGNORE_INDEX] = True
    if task == 'drivable':
        legal[DRIVABLE_CLASSES.index('background')] = True
    return legal


LEGAL_VALUES = {task: legal_values(task) for task in SEG_CLASSES}


def checked_mask(mask: np.ndarray, task: str, name: str, what: str
                 ) -> Tuple[np.ndarray, np.ndarray]:
    """A class-id mask as uint8, checked, and the count of each value.

    Raises:
        LabelError: the mask is not 2-D integers 0..255
            (:func:`~bdd100k_zoo.labels.mask_checks.byte_mask`), or holds illegal ids (names
            ``name``).
    """
    mask = byte_mask(mask, name, what)
    counts = np.bincount(mask.ravel(), minlength=256)
    legal = LEGAL_VALUES[task]
    illegal = np.flatnonzero(counts * ~legal)
    if illegal.size:
        highest = int(np.flatnonzero(legal[:IGNORE_INDEX]).max())
        raise LabelError(f'{name}: {what} mask holds illegal class ids {illegal.tolist()} '
                         f'(expected 0..{highest} or {IGNORE_INDEX})')
    return mask, counts


@dataclass
class SegImageStats:
    """What one image adds: its histogram, the classes in its ground truth, instance sums."""

    hist: np.ndarray
    present: np.ndarray
    instances: Optional[InstanceStats] = None


def image_stats(task: str, gt_mask: np.ndarray, pred_mask: Optional[np.ndarray], name: str,
                instances: Union[Bitmask, np.ndarray, None] = None,
                pred_name: Optional[str] = None) -> SegImageStats:
    """The statistics of one image (see :meth:`SegEvaluator.add`).

    ``pred_name`` names the prediction in errors when it differs from ``name`` (another file).
    """
    size = len(SEG_CLASSES[task]) + 1
    gt, counts = checked_mask(gt_mask, task, name, 'ground-truth')
    if pred_mask is None:
        pred = np.full(gt.shape, IGNORE_INDEX, dtype=np.uint8)
    else:
        pred_name = pred_name or name
        pred, _ = checked_mask(pred_mask, task, pred_name, 'prediction')
        check_same_size(pred, gt.shape, pred_name)
    # fast_hist leaves out ground truth >= size - 1 (255; drivable's background 2) and counts
    # predictions >= size - 1 in the last column, so class ids need no remapping
    hist = fast_hist(gt.ravel(), pred.ravel(), size).astype(np.int64)
    stats = SegImageStats(hist, counts[:size - 1] > 0)
    if instances is not None:
        if task != 'sem_seg':
            raise ValueError(f'{task} takes no instances (the Cityscapes iIoU is for sem_seg)')
        if isinstance(instances, np.ndarray):
            instances = decode_bitmask(instances, name)
        if instances.instances.shape != gt.shape:
            raise LabelError(f'{name}: instance bitmask has size {instances.instances.shape}, '
                             f'ground truth {gt.shape}')
        stats.instances = instance_stats(pred, instances)
    return stats


class SegEvaluator:
    """Accumulates sem_seg or drivable masks image by image; :meth:`result` gives the scores.

    Args:
        task: ``'sem_seg'`` (19 classes) or ``'drivable'`` (direct, alternative; background is
            ignored, as officially).
    """

    def __init__(self, task: str = 'sem_seg') -> None:
        if task not in SEG_CLASSES:
            raise ValueError(f'SegEvaluator task must be one of {tuple(SEG_CLASSES)}, got '
                             f'{task!r}')
        self.task = task
        self.classes: Tuple[str, ...] = SEG_CLASSES[task]
        size = len(self.classes) + 1
        self.hist = np.zeros((size, size), dtype=np.int64)
        self.present = np.zeros(size - 1, dtype=bool)
        self.instances: Optional[InstanceStats] = None
        self.images = 0

    def add(self, gt_mask: np.ndarray, pred_mask: Optional[np.ndarray], name: str = '<image>',
            instances: Union[Bitmask, np.ndarray, None] = None) -> None:
        """Adds one image.

        Args:
            gt_mask: H x W ground-truth class ids (255 = ignore; drivable 2 = background).
            pred_mask: H x W predicted class ids, or ``None`` for a missing prediction (every
                pixel then counts as a miss, as officially).
            name: the image (or file) named in errors.
            instances: sem_seg only: the ground-truth instances of the image (decoded ins_seg
                bitmask, or its H x W x 4 array) for the Cityscapes iIoU; give them for every
                image or for none.

        Raises:
            LabelError: a mask has another size or holds illegal ids.
        """
        self.add_stats(image_stats(self.task, gt_mask, pred_mask, name, instances))

    def add_stats(self, stats: SegImageStats) -> None:
        """Adds the statistics of one image computed elsewhere (e.g. in a worker process)."""
        if self.images and (stats.instances is None) != (self.instances is None):
            raise ValueError('instances must be given for every image or for none')
        self.hist += stats.hist
        self.present |= stats.present
        if stats.instances is not None:
            self.instances = self.instances or InstanceStats()
            self.instances += stats.instances
        self.images += 1

    def result(self) -> Scores:
        """The scores over the images added so far (sem_seg: with Cityscapes extras)."""
        with np.errstate(divide='ignore', invalid='ignore'):
            ious, accs = per_class_iou(self.hist), per_class_acc(self.hist)
            mean_iou = np.mean(ious[self.present]) * 100 if self.present.any() else np.nan
            mean_acc = np.mean(accs[self.present]) * 100 if self.present.any() else np.nan
            result = SegResult(
                IoU=[dict(zip(self.classes, 100 * ious)), {AVERAGE: mean_iou}],
                Acc=[dict(zip(self.classes, 100 * accs)), {AVERAGE: mean_acc}],
                fIoU=100 * freq_iou(self.hist), pAcc=100 * whole_acc(self.hist))
        scores = from_result(self.task, result, self.classes)
        if self.task == 'sem_seg':
            scores.extra['cityscapes'] = cityscapes_scores(self.hist, self.instances)
        return scores


def frame_stats(task: str, pair: Tuple[Frame, str, Frame, str, Optional[Frame]]
                ) -> Optional[SegImageStats]:
    """The statistics of one paired frame (``None`` if its ground truth is empty).

    Args:
        task: ``'sem_seg'`` or ``'drivable'``.
        pair: ground-truth frame, its location for errors, prediction frame, its location,
            and the frame of ground-truth instances (or ``None``).
    """
    gt_frame, gt_where, pred_frame, pred_where, instance_frame = pair
    gt = class_mask(gt_frame, SEG_CLASSES[task])
    if gt is None:
        return None
    pred = class_mask(pred_frame, SEG_CLASSES[task])
    instances = None
    if instance_frame is not None:
        instances = instance_bitmask(instance_frame)
        if instances is None:
            instances = Bitmask(*(np.zeros(gt.shape, dtype=np.int32) for _ in range(3)))
    return image_stats(task, gt, pred, gt_where, instances, pred_where)


def score_seg(task: str, pairs: Sequence[Tuple[Frame, str, Frame, str, Optional[Frame]]],
              nproc: int = 1, progress: bool = False) -> Scores:
    """Scores paired frames (RLE labels or mask files), in ``nproc`` processes."""
    evaluator = SegEvaluator(task)
    for stats in parallel_map(partial(frame_stats, task), pairs, nproc, progress, task):
        if stats is not None:
            evaluator.add_stats(stats)
    return evaluator.result()
