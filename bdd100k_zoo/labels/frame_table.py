"""Scalabel box frames kept as a few numpy arrays instead of millions of Python objects.

A det_20 train file holds 70,000 frames and 1.26 million boxes; as dicts they take gigabytes and
every dataloader worker touches (and so copies) them through reference counting. A
:class:`FrameTable` holds the same content in flat arrays (one box array, per-frame label offsets,
small-int codes into tables of the distinct attribute sets, names as one UTF-8 buffer), which
forked workers share without copies.
"""
from array import array
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import msgspec
import numpy as np

Row = Dict[str, Any]


class StringTable:
    """Strings stored as one UTF-8 buffer and their end offsets.

    Args:
        blob: the concatenated UTF-8 bytes.
        ends: the end offset of each string in ``blob``.
    """

    def __init__(self, blob: np.ndarray, ends: np.ndarray) -> None:
        self.blob = blob
        self.ends = ends

    @classmethod
    def from_strings(cls, strings: Sequence[str]) -> 'StringTable':
        """Packs ``strings``."""
        encoded = [text.encode('utf-8') for text in strings]
        ends = np.cumsum([len(item) for item in encoded], dtype=np.int64)
        return cls(np.frombuffer(b''.join(encoded), dtype=np.uint8), ends)

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, index: int) -> str:
        index = range(len(self))[index]  # negative indices count from the end
        start = int(self.ends[index - 1]) if index > 0 else 0
        return self.blob[start:int(self.ends[index])].tobytes().decode('utf-8')


class CodeBook:
    """Distinct values (e.g. attribute dicts) numbered in order of first appearance."""

    def __init__(self) -> None:
        self.values: List[Any] = []
        self._codes: Dict[bytes, int] = {}

    def code(self, value: Any) -> int:
        """The number of ``value`` (a JSON-encodable value), adding it if new."""
        key = msgspec.json.encode(value, order='sorted')
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = len(self.values)
            self.values.append(value)
        return code


class FrameTable:
    """Frames of boxes as arrays: frame ``i`` owns labels ``offsets[i]:offsets[i + 1]``.

    Args:
        names: the frame names.
        sizes: ``(height, width)`` of each frame, int32, shape (F, 2).
        frame_attributes: per frame, the code of its attribute dict in ``attribute_values``.
        offsets: label offsets, int64, shape (F + 1,).
        boxes: OpenMMLab boxes ``[x1, y1, x2, y2)``, float64 (the file's values exactly), (L, 4).
        classes: class index of each label, int16.
        ignored: whether each label is an ignored region, bool.
        label_ids: the label ids (as strings).
        label_attributes: per label, the code of its attribute dict in ``attribute_values``.
        attribute_values: the distinct attribute dicts of frames and labels.
    """

    def __init__(self, names: StringTable, sizes: np.ndarray, frame_attributes: np.ndarray,
                 offsets: np.ndarray, boxes: np.ndarray, classes: np.ndarray,
                 ignored: np.ndarray, label_ids: StringTable, label_attributes: np.ndarray,
                 attribute_values: Sequence[Dict[str, Any]]) -> None:
        self.names = names
        self.sizes = sizes
        self.frame_attributes = frame_attributes
        self.offsets = offsets
        self.boxes = boxes
        self.classes = classes
        self.ignored = ignored
        self.label_ids = label_ids
        self.label_attributes = label_attributes
        self.attribute_values = tuple(attribute_values)

    def __len__(self) -> int:
        return len(self.names)

    def labels(self, index: int) -> slice:
        """The label range of frame ``index``."""
        return slice(int(self.offsets[index]), int(self.offsets[index + 1]))

    def attributes(self, code: int) -> Dict[str, Any]:
        """A fresh copy of the attribute dict numbered ``code``."""
        return dict(self.attribute_values[code])


class FrameTableBuilder:
    """Collects frames and labels one by one into typed buffers, then builds a :class:`FrameTable`."""

    def __init__(self) -> None:
        self.names: List[str] = []
        self.sizes = array('i')
        self.frame_attributes = array('i')
        self.offsets = array('q', [0])
        self.coordinates = array('d')
        self.classes = array('h')
        self.ignored = array('b')
        self.label_ids = bytearray()
        self.label_id_ends = array('q')
        self.label_attributes = array('i')
        self.codes = CodeBook()

    def add_frame(self, name: str, size: Tuple[int, int], attributes: Dict[str, Any]) -> None:
        """Starts a frame (its labels are added next)."""
        if len(self.names):
            self.offsets.append(len(self.classes))
        self.names.append(name)
        self.sizes.extend(size)
        self.frame_attributes.append(self.codes.code(attributes))

    def add_label(self, box: Tuple[float, float, float, float], class_index: int, ignored: bool,
                  label_id: str, attributes: Dict[str, Any]) -> None:
        """Adds a label of the current frame (``box`` as OpenMMLab ``[x1, y1, x2, y2)``)."""
        self.coordinates.extend(box)
        self.classes.append(class_index)
        self.ignored.append(ignored)
        self.label_ids += label_id.encode('utf-8')
        self.label_id_ends.append(len(self.label_ids))
        self.label_attributes.append(self.codes.code(attributes))

    def build(self) -> FrameTable:
        """The table of everything added."""
        if self.names:
            self.offsets.append(len(self.classes))
        return FrameTable(
            StringTable.from_strings(self.names),
            np.frombuffer(self.sizes, dtype=np.int32).reshape(-1, 2),
            np.frombuffer(self.frame_attributes, dtype=np.int32),
            np.frombuffer(self.offsets, dtype=np.int64),
            np.frombuffer(self.coordinates, dtype=np.float64).reshape(-1, 4),
            np.frombuffer(self.classes, dtype=np.int16),
            np.frombuffer(self.ignored, dtype=np.int8).astype(bool),
            StringTable(np.frombuffer(bytes(self.label_ids), dtype=np.uint8),
                        np.frombuffer(self.label_id_ends, dtype=np.int64)),
            np.frombuffer(self.label_attributes, dtype=np.int32),
            self.codes.values)


class TableRows(Sequence[Row]):
    """Frames of a :class:`FrameTable` seen as a sequence of dicts, each built when asked for.

    Used as an mmengine dataset's ``data_list``: dataloader workers share the arrays, and a data
    info exists only while its sample is loaded. Filtering or slicing keeps the table and selects
    positions in it.

    Args:
        table: the frames.
        row: builds the dict of the frame at a position of ``table`` (a picklable function).
        positions: the frames of the table in this sequence, in order (default: all).
    """

    def __init__(self, table: FrameTable, row: Callable[[FrameTable, int], Row],
                 positions: Optional[np.ndarray] = None) -> None:
        self.table = table
        self.row = row
        self.positions = np.arange(len(table)) if positions is None else positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, index: Union[int, slice]) -> Any:  # type: ignore[override]
        if isinstance(index, slice):
            return self.take(np.arange(len(self))[index])
        return self.row(self.table, int(self.positions[index]))

    def __iter__(self) -> Iterator[Row]:
        return (self.row(self.table, int(position)) for position in self.positions)

    def take(self, indices: Union[Sequence[int], np.ndarray]) -> 'TableRows':
        """The rows at ``indices`` of this sequence."""
        return TableRows(self.table, self.row, self.positions[np.asarray(indices, dtype=np.int64)])
