"""box_track (MOT) and seg_track (MOTS): CLEAR MOT and IDF1 per class through scalabel.

Each video is accumulated by scalabel's own per-video function (``acc_single_video_mot`` on boxes,
``acc_single_video_mots`` on masks), then scalabel's ``aggregate_accs``, ``evaluate_single_class``
and ``generate_results`` give the official table (mMOTA/mMOTP/mIDF1 average the 8 classes, counts
are sums; seg_track keeps these names, as the official scores file does). The process pool is ours:
scalabel 0.3.1's ``evaluate_seg_track(nproc > 1)`` crashes and its pooled paths (MOT and MOTS) drop
``iou_thr``; here every video gets the thresholds, whatever ``nproc`` is, so the numbers do not
depend on it. For seg_track, a prediction frame with overlapping masks loses all its predictions
(the official overlap rule).
"""
from functools import partial
from typing import List, Sequence, Tuple

import motmetrics as mm
from scalabel.eval.mot import (METRIC_MAPS, acc_single_video_mot, aggregate_accs,
                               evaluate_single_class, generate_results)
from scalabel.eval.mots import acc_single_video_mots
from scalabel.label.utils import get_leaf_categories, get_parent_categories

from ..labels.categories import TRACK_CLASSES
from .configs import scalabel_config
from .matching import Video
from .overlap import drop_overlapping
from .parallel import parallel_map
from .scalabel_io import quiet, to_frames
from .scores import Scores, from_result


def video_accumulators(task: str, iou_thr: float, ignore_iof_thr: float,
                       video: Video) -> List[mm.MOTAccumulator]:
    """One accumulator per class for one video (scalabel's per-video function of ``task``)."""
    _, gt, preds = video
    gt_frames, pred_frames = to_frames(gt), to_frames(preds)
    categories = get_leaf_categories(scalabel_config(task).categories)
    with quiet():
        if task == 'box_track':
            return acc_single_video_mot(gt_frames, pred_frames, list(TRACK_CLASSES), iou_thr,
                                        ignore_iof_thr)
        drop_overlapping(pred_frames, TRACK_CLASSES, task)
        return acc_single_video_mots(gt_frames, pred_frames, categories, iou_thr,
                                     ignore_iof_thr)


def class_summary(names_and_accs: Tuple[List[str], List[mm.MOTAccumulator]]) -> dict:
    """Scalabel's metrics of one class (or super-category, or overall) over its accumulators."""
    with quiet():
        return evaluate_single_class(*names_and_accs)


def score_track(task: str, videos: Sequence[Video], nproc: int = 1, progress: bool = False,
                iou_thr: float = 0.5, ignore_iof_thr: float = 0.5) -> Scores:
    """MOT/MOTS scores of paired videos.

    Args:
        task: ``'box_track'`` or ``'seg_track'``.
        videos: the paired videos (:func:`.matching.align_videos`).
        nproc: processes (over videos, then over classes).
        progress: show progress bars.
        iou_thr: the IoU a match needs (official 0.5).
        ignore_iof_thr: a false positive covering an ignored region by more than this
            (intersection over its own area) is dropped (official 0.5).
    """
    categories = scalabel_config(task).categories
    classes = get_leaf_categories(categories)
    super_classes = get_parent_categories(categories)
    video_accs = parallel_map(partial(video_accumulators, task, iou_thr, ignore_iof_thr),
                              list(videos), nproc, progress, task)
    class_names, metric_names, class_accs = aggregate_accs(video_accs, classes, super_classes)
    flat_dicts = parallel_map(class_summary, list(zip(metric_names, class_accs)), nproc)
    result = generate_results(flat_dicts, class_names, list(METRIC_MAPS.values()), classes,
                              super_classes)
    return from_result(task, result, TRACK_CLASSES)
