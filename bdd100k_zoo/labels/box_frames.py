"""Box and mask labels (det_20, ins_seg, box_track_20, seg_track_20) read straight into a
:class:`~.frame_table.FrameTable`.

The frames are decoded one at a time into the typed frames below (only the fields these datasets
read; the parser skips the rest), mapped and checked as :mod:`.instances` does, and packed. A
problem is reported by the same checks the dict-based readers use, so messages name the file, the
frame, the label and the field in the same words.
"""
from typing import Any, Callable, Collection, Dict, List, Optional, Tuple, Union

import msgspec

from .errors import LabelError
from .frame_table import FrameTable, FrameTableBuilder
from .frames import check_box, where
from .instances import DEFAULT_IMAGE_SIZE, check_mask_size, label_class, rle_xyxy
from .mapping import CategoryMapper, MappedCategory
from .masks import check_rle_counts
from .typed_json import decode_frames, unique_frames

#: The largest image side a frame's ``size`` may give (sizes are stored as int32).
MAX_SIDE = 2 ** 31 - 1
#: The largest ``frameIndex`` a table keeps (indices are stored as int64).
MAX_FRAME_INDEX = 2 ** 63 - 1
#: The label fields a table can take its labels from: boxes, or RLE masks (and their boxes).
GEOMETRIES = ('box2d', 'rle')


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


class TableLabel(msgspec.Struct, gc=False):
    """The fields of a label a box or mask dataset reads (``rle`` is checked by
    :func:`.masks.check_rle_counts`)."""

    id: Union[str, int, None] = None
    category: Optional[str] = None
    attributes: Optional[Dict[str, Any]] = None
    box2d: Optional[Box2D] = None
    rle: Optional[Dict[str, Any]] = None


class TableFrame(msgspec.Struct, gc=False):
    """The fields of a frame a box or mask dataset reads (``videoName`` and ``frameIndex`` are
    checked by the video datasets, see ``read_box_table``'s ``check_frame``)."""

    name: str
    videoName: Any = None
    frameIndex: Any = None
    attributes: Optional[Dict[str, Any]] = None
    size: Optional[FrameSize] = None
    labels: Optional[List[TableLabel]] = None


#: Checks a frame as read (``(file, frame)``), raising :class:`~.errors.LabelError`.
FrameCheck = Callable[[str, TableFrame], None]


def read_box_table(path: str, mapper: CategoryMapper, geometry: str = 'box2d',
                   dropped: Collection[str] = (), unique_names: bool = True,
                   check_frame: Optional[FrameCheck] = None) -> FrameTable:
    """Reads the frames and their ``box2d`` (or ``rle``) labels of a label file (or folder).

    Labels without the geometry field are left out, as the official evaluation leaves them out.
    Categories and ignored regions are mapped as :func:`.instances.label_class` maps them; boxes
    are stored as OpenMMLab ``[x1, y1, x2, y2)``, for masks the box of their pixels.

    Args:
        path: a label file, or a folder of them (read in name order).
        mapper: maps categories onto the task's classes.
        geometry: ``'box2d'`` (boxes) or ``'rle'`` (masks of the frame's size, kept as their
            ``counts`` in the table's ``masks``).
        dropped: categories valid in the files but not part of the task (their labels are left
            out).
        unique_names: refuse a frame name given twice in a video (or outside videos).
        check_frame: also checks each frame as read (e.g. that a video frame has its video and
            index).

    Raises:
        FileNotFoundError: no such file or folder.
        LabelError: malformed JSON, a field of the wrong type, a repeated frame, a size that is
            not positive, an unknown category, an inverted box, a malformed mask or one of another
            size than its frame (names the file, the frame, the label and the field).
    """
    if geometry not in GEOMETRIES:
        raise ValueError(f'geometry must be one of {GEOMETRIES}, got {geometry!r}')
    builder = FrameTableBuilder(masks=geometry == 'rle')
    frames = decode_frames(path, TableFrame)
    for file, frame in unique_frames(frames) if unique_names else frames:
        if check_frame is not None:
            check_frame(file, frame)
        size = (frame.size.height, frame.size.width) if frame.size else DEFAULT_IMAGE_SIZE
        if not all(0 < side <= MAX_SIDE for side in size):
            raise LabelError(f'{where(file, msgspec.to_builtins(frame))}: size must be a height '
                             f'and width from 1 to {MAX_SIDE}, got {list(size)}')
        builder.add_frame(frame.name, size, frame.attributes or {}, file, video_of(frame),
                          index_of(frame))
        for label in frame.labels or ():
            if getattr(label, geometry) is None or label.category in dropped:
                continue
            mapped = mapper(label.category)
            if mapped is None:
                report(file, frame, label, mapper, size, geometry)
            add_label(builder, file, frame, label, mapped, size, mapper)
    return builder.build()


def video_of(frame: TableFrame) -> Optional[str]:
    """The frame's ``videoName`` if it is a string."""
    return frame.videoName if isinstance(frame.videoName, str) else None


def index_of(frame: TableFrame) -> Optional[int]:
    """The frame's ``frameIndex`` if it is an integer a table keeps."""
    index = frame.frameIndex
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index <= MAX_FRAME_INDEX:
        return index
    return None


def add_label(builder: FrameTableBuilder, file: str, frame: TableFrame, label: TableLabel,
              mapped: MappedCategory, size: Tuple[int, int], mapper: CategoryMapper) -> None:
    """Checks a label of a known category and adds it (its box, or its mask and the mask's box)."""
    mask = None
    if builder.masks is None:
        box = label.box2d
        if not (box.x1 <= box.x2 + 1 and box.y1 <= box.y2 + 1):
            report(file, frame, label, mapper, size, 'box2d')
        corners = (box.x1, box.y1, box.x2 + 1.0, box.y2 + 1.0)
    else:
        if not is_mask_of_size(label.rle, size):
            report(file, frame, label, mapper, size, 'rle')
        mask, corners = label.rle['counts'], tuple(rle_xyxy(label.rle))
    attributes = label.attributes or {}
    ignored = mapped.ignored or bool(attributes.get('crowd')) or bool(attributes.get('ignored'))
    builder.add_label(corners, mapped.index, ignored, '' if label.id is None else str(label.id),
                      attributes, mask)


def is_mask_of_size(rle: Dict[str, Any], size: Tuple[int, int]) -> bool:
    """Whether ``rle`` is a well-formed Scalabel RLE (string counts) of ``size``."""
    try:
        check_rle_counts(rle, '')
    except LabelError:
        return False
    return isinstance(rle['counts'], str) and tuple(rle['size']) == tuple(size)


def report(path: str, frame: TableFrame, label: TableLabel, mapper: CategoryMapper,
           size: Tuple[int, int], geometry: str) -> None:
    """Raises the error of a label the fast path refused, through the dict-based checks."""
    frame_dict, label_dict = msgspec.to_builtins(frame), msgspec.to_builtins(label)
    label_class(path, frame_dict, label_dict, mapper)
    if geometry == 'rle':
        check_mask_size(label_dict, size, path, frame_dict)
    else:
        check_box(label_dict['box2d'], path, frame_dict, label_dict)
    raise AssertionError(f'{where(path, frame_dict, label_dict)}: refused, yet passes the checks')
