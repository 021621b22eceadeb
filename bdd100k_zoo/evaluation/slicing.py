"""Scores per value of frame attributes: the BDD100K paper's domain study (weather, scene, time).

A slice holds the ground-truth frames with one value of an attribute and the predictions of those
frames; it is scored like a whole set. Videos are sliced whole, by the value of their first frame
carrying the attribute. Frames without the attribute are in no slice of it.
"""
from typing import Any, Dict, List, Sequence, Tuple

from ..labels.categories import TAGGING_ATTRIBUTES
from ..labels.frames import Frame
from .api import evaluate
from .configs import TASK_SPECS
from .matching import ImageKeys
from .scores import Scores

#: The frame attributes scores can be sliced by (the BDD100K paper's domain study, Table 4).
SLICE_ATTRIBUTES = tuple(TAGGING_ATTRIBUTES)


def check_slice_by(slice_by: Sequence[str]) -> Tuple[str, ...]:
    """Validates a metric's ``slice_by`` option.

    Raises:
        ValueError: an attribute outside :data:`SLICE_ATTRIBUTES`.
    """
    unknown = set(slice_by) - set(SLICE_ATTRIBUTES)
    if unknown:
        raise ValueError(f'slice_by accepts {SLICE_ATTRIBUTES}, got {sorted(unknown)}')
    return tuple(slice_by)


def attribute_value(frame: Frame, attribute: str) -> Any:
    """The frame's value of ``attribute`` (``None`` if it has none)."""
    attributes = frame.get('attributes')
    return attributes.get(attribute) if isinstance(attributes, dict) else None


def malformed(frame: Any) -> bool:
    """Whether a frame has no name (it then goes to every slice, whose evaluation reports it)."""
    return not isinstance(frame, dict) or not isinstance(frame.get('name'), str)


def value_order(attribute: str, values: Sequence[str]) -> List[str]:
    """Known values in the official order, then any others sorted."""
    known = [value for value in TAGGING_ATTRIBUTES.get(attribute, ()) if value in values]
    return known + sorted(str(value) for value in set(values) - set(known))


def slice_frames(gt_frames: Sequence[Frame], attribute: str, video: bool
                 ) -> Dict[str, List[Frame]]:
    """``{value: ground-truth frames}`` of one attribute (whole videos for video tasks)."""
    if not video:
        groups: Dict[str, List[Frame]] = {}
        for frame in gt_frames:
            value = attribute_value(frame, attribute)
            if value is not None:
                groups.setdefault(value, []).append(frame)
        return {value: groups[value] for value in value_order(attribute, list(groups))}
    videos: Dict[Any, List[Frame]] = {}
    for frame in gt_frames:
        videos.setdefault(frame.get('videoName'), []).append(frame)
    groups = {}
    for frames in videos.values():
        ordered = sorted(frames, key=lambda f: f.get('frameIndex') or 0)
        values = [attribute_value(f, attribute) for f in ordered]
        value = next((v for v in values if v is not None), None)
        if value is not None:
            groups.setdefault(value, []).extend(frames)
    return {value: groups[value] for value in value_order(attribute, list(groups))}


def evaluate_sliced(task: str, gt_frames: Sequence[Frame], pred_frames: Sequence[Frame],
                    by: Sequence[str] = SLICE_ATTRIBUTES, nproc: int = 1,
                    **options: Any) -> Dict[str, Dict[str, Scores]]:
    """Scores of each value of each attribute in ``by``.

    Args:
        task: one of :data:`bdd100k_zoo.evaluation.TASKS`.
        gt_frames: ground-truth frames (with frame ``attributes``).
        pred_frames: prediction frames.
        by: the attributes to slice by.
        nproc: processes.
        **options: as :func:`bdd100k_zoo.evaluation.evaluate`.

    Returns:
        ``{attribute: {value: Scores}}`` (an attribute no frame carries maps to ``{}``).
    """
    video = TASK_SPECS[task].video if task in TASK_SPECS else False
    key = ImageKeys(gt_frames)
    out: Dict[str, Dict[str, Scores]] = {}
    for attribute in by:
        out[attribute] = {}
        for value, frames in slice_frames(gt_frames, attribute, video).items():
            keys = {frame.get('videoName') if video else key(frame) for frame in frames}
            preds = [frame for frame in pred_frames if malformed(frame)
                     or (frame.get('videoName') if video else key(frame)) in keys]
            out[attribute][value] = evaluate(task, frames, preds, nproc, **options)
    return out
