"""Fast reading and checking of Scalabel JSON frames as plain dicts (no pydantic on the hot path).

A Scalabel label file is a list of frames or ``{"frames": [...], "config": ...}``; a video task keeps
one such file per video in a folder. Frames stay plain dicts here: datasets only need a few fields,
and validating 70K frames with pydantic costs minutes; files are parsed with msgspec (see
:mod:`.typed_json` for typed frames that skip the fields a dataset does not read). Errors name the
file, the frame and the field.
"""
import json
import math
import numbers
import os
import os.path as osp
from typing import Any, Dict, Iterable, List, Optional, Sequence

import msgspec

from .boxes import box2d_to_xyxy
from .errors import LabelError

Frame = Dict[str, Any]
Label = Dict[str, Any]


def load_json(path: str) -> Any:
    """Parses a JSON file; malformed or truncated content raises :class:`LabelError` naming it.

    msgspec parses it; what msgspec refuses (malformed JSON, but also the ``NaN`` and ``Infinity``
    that Python's ``json`` writes and reads) is parsed again by ``json``, which words the error.
    """
    with open(path, 'rb') as f:
        data = f.read()
    try:
        return msgspec.json.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError):
        pass
    try:
        return json.loads(data.decode('utf-8'))
    except json.JSONDecodeError as err:
        raise LabelError(f'{path}: malformed JSON at line {err.lineno} column {err.colno}: '
                         f'{err.msg}') from None
    except UnicodeDecodeError as err:
        raise LabelError(f'{path}: not UTF-8 text ({err.reason})') from None


def frames_of(content: Any, path: str) -> List[Frame]:
    """Extracts the frame list of a parsed label file (list or dict with ``frames``)."""
    if isinstance(content, dict) and isinstance(content.get('frames'), list):
        frames = content['frames']
    elif isinstance(content, list):
        frames = content
    else:
        raise LabelError(f'{path}: expected a list of frames or an object with "frames", got '
                         f'{type(content).__name__}')
    for index, frame in enumerate(frames):
        if not isinstance(frame, dict) or not isinstance(frame.get('name'), str):
            raise LabelError(f'{path}: frame #{index} is not an object with a "name" string')
    return frames


def label_files(path: str) -> List[str]:
    """The JSON files a label path stands for: itself, or the sorted ``*.json`` files of a folder."""
    if osp.isdir(path):
        files = sorted(osp.join(path, name) for name in os.listdir(path) if name.endswith('.json'))
        if not files:
            raise LabelError(f'{path}: folder holds no .json label files')
        return files
    if not osp.isfile(path):
        raise FileNotFoundError(f'label file not found: {path}')
    return [path]


def read_frames(path: str) -> List[Frame]:
    """Reads all frames of a label file or of every ``*.json`` file in a folder (one per video)."""
    frames: List[Frame] = []
    for file in label_files(path):
        frames.extend(frames_of(load_json(file), file))
    return frames


def where(path: str, frame: Frame, label: Optional[Label] = None) -> str:
    """A location string for error messages: file, frame name (and video/index), label id."""
    text = f'{path}: frame {frame.get("name")!r}'
    if frame.get('videoName') is not None:
        text += f' (video {frame["videoName"]!r}, frameIndex {frame.get("frameIndex")})'
    if label is not None:
        text += f', label id {label.get("id")!r}'
    return text


def check_box(box: Any, path: str, frame: Frame, label: Label) -> None:
    """Checks a ``box2d``: four numbers spanning a width and height of at least zero.

    ``box2d`` corners are inclusive (see :mod:`.boxes`), so a detection thinner than a pixel
    legitimately has ``x2`` up to one pixel left of ``x1``.
    """
    try:
        x1, y1, x2, y2 = box2d_to_xyxy(box)
    except (KeyError, TypeError, ValueError):
        raise LabelError(f'{where(path, frame, label)}: box2d must have numeric x1, y1, x2, y2, '
                         f'got {box!r}') from None
    if not x1 <= x2 or not y1 <= y2:
        raise LabelError(f'{where(path, frame, label)}: box2d has x2 < x1 - 1 or y2 < y1 - 1 '
                         f'(a negative width or height; corners are inclusive): {box!r}')


def check_category(category: Any, known: Iterable[str], path: str, frame: Frame,
                   label: Label) -> None:
    """Checks a label's category is one of ``known``."""
    known = tuple(known)
    if category not in known:
        raise LabelError(f'{where(path, frame, label)}: unknown category {category!r} (expected '
                         f'one of {", ".join(known)})')


def check_unique_names(frames: Sequence[Frame], path: str) -> None:
    """Checks no frame name appears twice (a duplicated frame would be scored twice)."""
    seen = set()
    for frame in frames:
        key = (frame.get('videoName'), frame['name'])
        if key in seen:
            raise LabelError(f'{where(path, frame)}: duplicated frame')
        seen.add(key)


def check_score(score: Any, path: str, frame: Frame, label: Label) -> None:
    """Checks a prediction's ``score``: a finite number."""
    if isinstance(score, bool) or not isinstance(score, numbers.Real) or not math.isfinite(score):
        raise LabelError(f'{where(path, frame, label)}: a prediction needs a finite numeric '
                         f'"score", got {score!r}')
