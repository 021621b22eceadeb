"""lane_mark frames -> the pixels of each class, scored by :mod:`.boundary`.

A frame gives its lane pixels in one of three forms:

- it stands for a lane mask PNG in the official encoding (a folder of masks was read, key
  :data:`~.mask_sources.MASK_FILE`), as ``bdd100k.eval.lane`` takes them;
- RLE labels, one per class, whose category is a value of any lane attribute (``parallel``,
  ``dashed``, ``road curb``, ...), as ``scalabel.eval.boundary`` takes them;
- ``poly2d`` labels as the official lane label files hold them (category, ``laneDirection``,
  ``laneStyle``), drawn into a lane mask as ``bdd100k.label.to_mask`` draws them
  (:func:`bdd100k_zoo.labels.lane_drawing.draw_lane_mask`).

Stricter than the official code, which leaves such labels out silently: an unknown category, a
class given twice in one frame (the official code would keep the last) and a frame mixing RLE and
``poly2d`` labels raise :class:`~bdd100k_zoo.labels.LabelError` naming the file, frame and label.
A ground-truth frame without prediction is scored as having no markings (the official mask
evaluation would read a missing mask as all zeros, i.e. crosswalk everywhere).
"""
from functools import partial
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

from ..labels import LabelError
from ..labels.categories import LANE_CATEGORIES, LANE_CLASSES
from ..labels.frames import Frame, where
from ..labels.lane_drawing import draw_lane_mask
from ..labels.lanes import read_lane_mask, value_masks
from ..labels.masks import check_rle_label, rle_decode
from .boundary import image_f_scores, lane_scores
from .inputs import Origin
from .mask_sources import MASK_FILE, MASK_NAME
from .parallel import parallel_map
from .scores import Scores

#: The pixels of each class in a frame, and the image size (``None``: a frame without labels).
FramePixels = Tuple[Dict[str, np.ndarray], Optional[Tuple[int, int]]]


def rle_pixels(frame: Frame, path: str) -> FramePixels:
    """The class pixels of a frame of RLE labels (one label per class)."""
    pixels: Dict[str, np.ndarray] = {}
    shape = None
    for label in frame['labels']:
        category = label.get('category')
        if category not in LANE_CLASSES:
            raise LabelError(f'{where(path, frame, label)}: unknown category {category!r} for '
                             f'lane_mark RLE labels (expected one of {", ".join(LANE_CLASSES)})')
        if category in pixels:
            raise LabelError(f'{where(path, frame, label)}: a second RLE label of {category!r} '
                             f'(give one label per class)')
        check_rle_label(label['rle'], path, frame, label)
        size = tuple(label['rle']['size'])
        if shape is not None and size != shape:
            raise LabelError(f'{where(path, frame, label)}: mask size {list(size)} differs from '
                             f'the other labels\' {list(shape)}')
        shape = size
        pixels[category] = rle_decode(label['rle']) > 0
    return pixels, shape


def poly2d_pixels(frame: Frame, path: str, shape: Tuple[int, int]) -> FramePixels:
    """The class pixels of a frame of ``poly2d`` lane labels, drawn at ``shape``."""
    for label in frame['labels']:
        if label.get('category') not in LANE_CATEGORIES:
            raise LabelError(f'{where(path, frame, label)}: unknown lane category '
                             f'{label.get("category")!r} (expected one of '
                             f'{", ".join(LANE_CATEGORIES)})')
    try:
        mask = draw_lane_mask(frame['labels'], shape)
    except (ValueError, TypeError, KeyError) as err:
        raise LabelError(f'{where(path, frame)}: bad lane label ({err})') from None
    return value_masks(mask), shape


def frame_pixels(frame: Frame, path: str, shape: Tuple[int, int]) -> FramePixels:
    """The class pixels of a checked frame (``shape``: the image size for ``poly2d`` labels)."""
    if MASK_FILE in frame:
        mask = read_lane_mask(frame[MASK_FILE], frame.get(MASK_NAME, ''))
        return value_masks(mask), mask.shape
    for label in frame.get('labels') or ():
        if not isinstance(label, dict):
            raise LabelError(f'{where(path, frame)}: a label must be an object, got {label!r:.80}')
    labels = [label for label in frame.get('labels') or ()
              if label.get('rle') is not None or label.get('poly2d') is not None]
    if not labels:
        return {}, None
    kinds = {'rle' if label.get('rle') is not None else 'poly2d' for label in labels}
    if len(kinds) > 1:
        raise LabelError(f'{where(path, frame)}: mixes RLE and poly2d labels; give one form')
    frame = dict(frame, labels=labels)
    return rle_pixels(frame, path) if kinds == {'rle'} else poly2d_pixels(frame, path, shape)


def frame_f_scores(pair: Tuple[Frame, str, Frame, str], shape: Tuple[int, int]) -> np.ndarray:
    """The F-measures of one paired frame (see :func:`.boundary.image_f_scores`).

    Args:
        pair: ground-truth frame, its file, prediction frame, its file.
        shape: the image size for frames of ``poly2d`` labels (a mask sets its own).

    Raises:
        LabelError: bad labels, or prediction masks of another size than the ground truth's.
    """
    gt_frame, gt_path, pred_frame, pred_path = pair
    gt, gt_shape = frame_pixels(gt_frame, gt_path, shape)
    pred, pred_shape = frame_pixels(pred_frame, pred_path, gt_shape or shape)
    if None not in (gt_shape, pred_shape) and gt_shape != pred_shape:
        name = pred_frame.get(MASK_NAME) or where(pred_path, pred_frame)
        raise LabelError(f'{name}: prediction masks have size {list(pred_shape)}, ground truth '
                         f'{list(gt_shape)}')
    return image_f_scores(gt, pred, gt_shape or pred_shape or shape)


def score_lane(gt: Sequence[Frame], preds: Sequence[Frame], gt_origin: Origin,
               pred_origin: Origin, nproc: int = 1, progress: bool = False,
               image_size: Tuple[int, int] = (720, 1280)) -> Scores:
    """The official lane_mark scores of checked, aligned frames.

    Args:
        gt: ground-truth frames.
        preds: the prediction frame of each (empty where missing).
        gt_origin: names the files of the ground-truth frames.
        pred_origin: names the files of the prediction frames.
        nproc: processes.
        progress: show a progress bar.
        image_size: (height, width) at which ``poly2d`` labels are drawn (official: 720 x 1280).
    """
    pairs = [(gt_frame, gt_origin(gt_frame), pred_frame, pred_origin(pred_frame))
             for gt_frame, pred_frame in zip(gt, preds)]
    return lane_scores(parallel_map(partial(frame_f_scores, shape=tuple(image_size)), pairs,
                                    nproc, progress, 'lane_mark'))
