"""Box labels (det_20, box_track_20) read straight into a :class:`~.frame_table.FrameTable`.

The frames are decoded one at a time into the typed frames below (only the fields a box dataset
reads; the parser skips the rest), mapped and checked as :mod:`.instances` does, and packed. A
problem is reported by the same checks the dict-based readers use, so messages name the file, the
frame, the label and the field in the same words.
"""
from typing import Any, Dict, List, Optional, Union

import msgspec

from .errors import LabelError
from .frame_table import FrameTable, FrameTableBuilder
from .frames import check_box, where
from .instances import DEFAULT_IMAGE_SIZE, label_class
from .mapping import CategoryMapper
from .typed_json import NamedFrame, decode_frames


#: The largest image side a frame's ``size`` may give (sizes are stored as int32).
MAX_SIDE = 2 ** 31 - 1


class Box2D(msgspec.Struct, gc=False):
    """A Scalabel ``box2d`` (inclusive corners)."""

    x1: float
    y1: float
    x2: float
    y2: float


class FrameSize(msgspec.Struct, gc=False):
    """A frame's ``size``."""

    height: int
    width: int


class BoxLabel(msgspec.Struct, gc=False):
    """The fields of a label a box dataset reads."""

    id: Union[str, int, None] = None
    category: Optional[str] = None
    attributes: Optional[Dict[str, Any]] = None
    box2d: Optional[Box2D] = None


class BoxFrame(NamedFrame, gc=False):
    """The fields of a frame a box dataset reads."""

    size: Optional[FrameSize] = None
    labels: Optional[List[BoxLabel]] = None


def read_box_table(path: str, mapper: CategoryMapper) -> FrameTable:
    """Reads the frames and ``box2d`` labels of a label file (or folder) into a table.

    Labels without ``box2d`` are left out. Categories and ignored regions are mapped as
    :func:`.instances.label_class` maps them; boxes are stored as OpenMMLab ``[x1, y1, x2, y2)``.

    Raises:
        FileNotFoundError: no such file or folder.
        LabelError: malformed JSON, a field of the wrong type, a repeated frame, a size that is
            not positive, an unknown category or an inverted box (names the file, the frame, the
            label and the field).
    """
    builder = FrameTableBuilder()
    seen = set()
    for file, frame in decode_frames(path, BoxFrame):
        if (frame.videoName, frame.name) in seen:
            raise LabelError(f'{where(file, msgspec.to_builtins(frame))}: duplicated frame')
        seen.add((frame.videoName, frame.name))
        size = (frame.size.height, frame.size.width) if frame.size else DEFAULT_IMAGE_SIZE
        if not all(0 < side <= MAX_SIDE for side in size):
            raise LabelError(f'{where(file, msgspec.to_builtins(frame))}: size must be a height '
                             f'and width from 1 to {MAX_SIDE}, got {list(size)}')
        builder.add_frame(frame.name, size, frame.attributes or {})
        for label in frame.labels or ():
            box = label.box2d
            if box is None:
                continue
            mapped = mapper(label.category)
            if mapped is None or not (box.x1 <= box.x2 + 1 and box.y1 <= box.y2 + 1):
                report(file, frame, label, mapper)
            attributes = label.attributes or {}
            ignored = (mapped.ignored or bool(attributes.get('crowd'))
                       or bool(attributes.get('ignored')))
            builder.add_label((box.x1, box.y1, box.x2 + 1.0, box.y2 + 1.0), mapped.index,
                              ignored, '' if label.id is None else str(label.id), attributes)
    return builder.build()


def report(path: str, frame: BoxFrame, label: BoxLabel, mapper: CategoryMapper) -> None:
    """Raises the error of a label the fast path refused, through the dict-based checks."""
    frame_dict, label_dict = msgspec.to_builtins(frame), msgspec.to_builtins(label)
    label_class(path, frame_dict, label_dict, mapper)
    check_box(label_dict['box2d'], path, frame_dict, label_dict)
    raise AssertionError(f'{where(path, frame_dict, label_dict)}: refused, yet passes the checks')
