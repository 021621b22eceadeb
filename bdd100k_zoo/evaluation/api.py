"""``evaluate``: official BDD100K scores of Scalabel frames, for every task.

The mmengine metrics and ``bdd100k-zoo eval`` both end here, so their numbers are identical by
construction. Frames are plain dicts (as :func:`bdd100k_zoo.labels.frames.read_frames` returns).
"""
from typing import Any, Optional, Sequence

from ..labels import LabelError
from ..labels.frames import Frame, where
from .coco import score_det, score_ins_seg, score_pose
from .configs import TASK_SPECS
from .inputs import Origin, check_mask_sizes, mask_size, prepare_frames
from .lane import score_lane
from .matching import align_images, align_videos, lookup_images
from .panoptic import score_pan_seg
from .scores import Scores
from .segmentation import score_seg
from .tagging import score_tagging
from .tasks import TASKS
from .tracking import score_track

IMAGE_SCORERS = {'det': score_det, 'ins_seg': score_ins_seg, 'pose': score_pose,
                 'pan_seg': score_pan_seg}


def evaluate(task: str, gt_frames: Sequence[Frame], pred_frames: Sequence[Frame],
             nproc: int = 1, **options: Any) -> Scores:
    """Official scores of predictions against the ground truth.

    Args:
        task: one of :data:`TASKS`.
        gt_frames: ground-truth frames (Scalabel dicts; video tasks: with ``videoName`` and
            ``frameIndex``).
        pred_frames: prediction frames (labels with ``score`` for det/ins_seg/pose, ``rle`` for
            masks, ``graph`` for pose, integer track ids for videos; tagging: frame
            ``attributes``; lane_mark: ``rle`` or ``poly2d`` labels, see :mod:`.lane`).
        nproc: processes.
        **options: ``gt_file``/``pred_file`` (names for errors), ``progress`` (bool: progress
            bars), and per task: box_track/seg_track ``iou_thr``, ``ignore_iof_thr`` (official
            0.5 each); tagging ``attributes`` (default: those the predictions carry); sem_seg
            ``instances`` (ins_seg ground-truth frames of the same images, for the Cityscapes
            iIoU); lane_mark ``image_size`` ((height, width) at which ``poly2d`` labels are
            drawn; official 720 x 1280).

    Raises:
        LabelError: malformed frames, unknown categories, predictions for frames not in the
            ground truth, bad video indices, non-integer predicted track ids, ... (the message
            names the file, frame and label).
        TypeError: an option the task does not take.
    """
    return score(task, gt_frames, pred_frames, Origin(options.pop('gt_file', 'ground truth')),
                 Origin(options.pop('pred_file', 'predictions')), nproc, **options)


def score(task: str, gt_frames: Sequence[Frame], pred_frames: Sequence[Frame], gt_origin: Origin,
          pred_origin: Origin, nproc: int = 1, progress: bool = False, **options: Any) -> Scores:
    """:func:`evaluate` with the files of the frames known (see :class:`.inputs.Origin`)."""
    if task not in TASKS:
        raise ValueError(f'unknown task {task!r}; expected one of {", ".join(TASKS)}')
    if not gt_frames:
        raise LabelError(f'{gt_origin.default}: no ground-truth frames')
    spec = TASK_SPECS[task]
    gt = prepare_frames(gt_frames, spec, gt_origin, prediction=False)
    preds = prepare_frames(pred_frames, spec, pred_origin, prediction=True)
    if spec.video:
        videos = align_videos(gt, preds, gt_origin, pred_origin)
        if task == 'seg_track':
            for _, gt_video, pred_video in videos:
                check_mask_sizes(gt_video, pred_video, gt_origin, pred_origin)
        return score_track(task, videos, nproc, progress, **options)
    aligned = align_images(gt, preds, gt_origin, pred_origin)
    if task == 'tagging':
        return score_tagging(gt, aligned, gt_origin, pred_origin, **options)
    if task == 'lane_mark':
        return score_lane(gt, aligned, gt_origin, pred_origin, nproc, progress, **options)
    if spec.geometry == 'rle':
        check_mask_sizes(gt, aligned, gt_origin, pred_origin)
    if task in ('sem_seg', 'drivable'):
        return score_seg(task, seg_pairs(task, gt, aligned, gt_origin, pred_origin, **options),
                         nproc, progress)
    return IMAGE_SCORERS[task](gt, aligned, nproc, progress, **options)


def seg_pairs(task: str, gt: Sequence[Frame], preds: Sequence[Frame], gt_origin: Origin,
              pred_origin: Origin, instances: Optional[Sequence[Frame]] = None,
              instances_origin: Optional[Origin] = None) -> list:
    """The per-image work items of sem_seg/drivable (with the instances of each image, if any)."""
    if instances is not None and task != 'sem_seg':
        raise TypeError(f'{task} takes no instances (the Cityscapes iIoU is for sem_seg)')
    if instances is not None:
        instances_origin = instances_origin or Origin('instances')
        checked = prepare_frames(instances, TASK_SPECS['ins_seg'], instances_origin, False)
        instances = lookup_images(gt, checked, instances_origin, 'instances')
        for frame in instances:
            mask_size(frame, instances_origin(frame))  # one size per frame
    return [(gt_frame, where(gt_origin(gt_frame), gt_frame), pred_frame,
             where(pred_origin(pred_frame), pred_frame),
             instances[i] if instances is not None else None)
            for i, (gt_frame, pred_frame) in enumerate(zip(gt, preds))]
