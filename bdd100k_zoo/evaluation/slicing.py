"""Scores per value of frame attributes: the BDD100K paper's domain study (weather, scene, time).

A slice holds the ground-truth frames with one value of an attribute and the predictions of those
frames; it is scored like a whole set. Videos are sliced whole, by the value of their first frame
carrying the attribute. Frames without the attribute are in no slice of it.

A ``slice_by`` entry is an attribute (``'scene'``: one slice per value) or an attribute and one of
its values (``'scene=city street'``: two slices, ``city street`` and ``not city street``, the
paper's City / Non-City columns of Table 4; ``'timeofday=daytime'``: Daytime / Non-Daytime), the
same domains as the datasets' ``frame_filter`` ``include`` and ``exclude``
(:mod:`bdd100k_zoo.labels.frame_filter`).
"""
from typing import Any, Dict, List, Optional, Sequence, Tuple

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
        ValueError: an attribute outside :data:`SLICE_ATTRIBUTES`, or a value it does not have.
    """
    for entry in slice_by:
        attribute, versus = split_entry(entry)
        if attribute not in SLICE_ATTRIBUTES:
            raise ValueError(f'slice_by accepts {SLICE_ATTRIBUTES} (or "<attribute>=<value>"), '
                             f'got {entry!r}')
        if versus is not None and versus not in TAGGING_ATTRIBUTES[attribute]:
            raise ValueError(f'slice_by: {entry!r}: {attribute} values are '
                             f'{", ".join(TAGGING_ATTRIBUTES[attribute])}')
    return tuple(slice_by)


def split_entry(entry: str) -> Tuple[str, Optional[str]]:
    """``(attribute, value)`` of a ``slice_by`` entry (``value``: ``None`` for a bare attribute)."""
    attribute, equals, value = str(entry).partition('=')
    return (attribute, value) if equals else (attribute, None)


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


def slice_frames(gt_frames: Sequence[Frame], entry: str, video: bool
                 ) -> Dict[str, List[Frame]]:
    """``{slice: ground-truth frames}`` of one ``slice_by`` entry (whole videos for video tasks):
    a slice per value of an attribute, or ``value`` and ``not value`` for ``attribute=value``."""
    attribute, _ = split_entry(entry)
    groups: Dict[str, List[Frame]] = {}
    for frames, value in valued_groups(gt_frames, attribute, video):
        name = slice_name(entry, value)
        if name is not None:
            groups.setdefault(name, []).extend(frames)
    return {name: groups[name] for name in slice_order(entry, list(groups))}


def slice_name(entry: str, value: Any) -> Optional[str]:
    """The slice of ``entry`` a frame with ``value`` (its value of the entry's attribute) is in:
    the value itself, or for ``attribute=versus`` either ``versus`` or ``not versus``; ``None``
    for a frame without the attribute."""
    _, versus = split_entry(entry)
    if value is None or versus is None or value == versus:
        return value
    return f'not {versus}'


def slice_order(entry: str, names: Sequence[str]) -> List[str]:
    """The slices of ``entry`` found (``names``) in report order: known values in the official
    order, then others sorted; ``versus`` before ``not versus``."""
    attribute, versus = split_entry(entry)
    if versus is None:
        return value_order(attribute, names)
    return [name for name in (versus, f'not {versus}') if name in names]


def valued_groups(gt_frames: Sequence[Frame], attribute: str, video: bool
                  ) -> List[Tuple[List[Frame], Any]]:
    """Each frame (each whole video, for video tasks) with its value of ``attribute``."""
    if not video:
        return [([frame], attribute_value(frame, attribute)) for frame in gt_frames]
    videos: Dict[Any, List[Frame]] = {}
    for frame in gt_frames:
        videos.setdefault(frame.get('videoName'), []).append(frame)
    out = []
    for frames in videos.values():
        ordered = sorted(frames, key=lambda f: f.get('frameIndex') or 0)
        values = [attribute_value(f, attribute) for f in ordered]
        out.append((frames, next((v for v in values if v is not None), None)))
    return out


def evaluate_sliced(task: str, gt_frames: Sequence[Frame], pred_frames: Sequence[Frame],
                    by: Sequence[str] = SLICE_ATTRIBUTES, nproc: int = 1,
                    **options: Any) -> Dict[str, Dict[str, Scores]]:
    """Scores of each value of each attribute in ``by``.

    Args:
        task: one of :data:`bdd100k_zoo.evaluation.TASKS`.
        gt_frames: ground-truth frames (with frame ``attributes``).
        pred_frames: prediction frames.
        by: the ``slice_by`` entries: attributes, or ``attribute=value`` (that value and the
            others).
        nproc: processes.
        **options: as :func:`bdd100k_zoo.evaluation.evaluate`.

    Returns:
        ``{entry: {slice: Scores}}`` (an attribute no frame carries maps to ``{}``).
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
