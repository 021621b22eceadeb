"""Scalabel frames of box and mask labels kept as a few numpy arrays instead of millions of objects.

A det_20 train file holds 70,000 frames and 1.26 million boxes; as dicts they take gigabytes and
every dataloader worker touches (and so copies) them through reference counting. A
:class:`FrameTable` holds the same content in flat arrays (one box array, per-frame label offsets,
small-int codes into tables of the distinct attribute sets, video names and files, names and RLE
counts as UTF-8 buffers), which forked workers share without copies; :class:`TableRows` turns a
row into the dict a dataset's ``get_data_info`` returns only when it is asked for.
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

    def slice(self, start: int, stop: int) -> List[str]:
        """The strings ``start`` to ``stop - 1`` (decoded at once)."""
        if start >= stop:
            return []
        begin = int(self.ends[start - 1]) if start > 0 else 0
        text = self.blob[begin:int(self.ends[stop - 1])].tobytes()
        cuts = (self.ends[start:stop] - begin).tolist()
        return [text[a:b].decode('utf-8') for a, b in zip([0] + cuts[:-1], cuts)]


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


class TextBuffer:
    """Strings appended one by one into a UTF-8 buffer, then packed as a :class:`StringTable`."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.ends = array('q')

    def add(self, text: str) -> None:
        """Appends ``text``."""
        self.blob += text.encode('utf-8')
        self.ends.append(len(self.blob))

    def build(self) -> StringTable:
        """The table of the strings added."""
        return StringTable(np.frombuffer(bytes(self.blob), dtype=np.uint8),
                           np.frombuffer(self.ends, dtype=np.int64))


class FrameTable:
    """Frames of labels as arrays: frame ``i`` owns labels ``offsets[i]:offsets[i + 1]``.

    Args:
        names: the frame names.
        sizes: ``(height, width)`` of each frame, int32, shape (F, 2).
        frame_attributes: per frame, the code of its attribute dict in ``attribute_values``.
        offsets: label offsets, int64, shape (F + 1,).
        boxes: OpenMMLab boxes ``[x1, y1, x2, y2)``, float64 (the file's values exactly, or the
            box of a mask's pixels), (L, 4).
        classes: class index of each label, int16.
        ignored: whether each label is an ignored region, bool.
        label_ids: the label ids (as strings).
        label_attributes: per label, the code of its attribute dict in ``attribute_values``.
        attribute_values: the distinct attribute dicts of frames and labels.
        files: the label files the frames were read from.
        frame_files: per frame, its file's index in ``files``, int32.
        videos: the distinct ``videoName`` values (``None`` for none).
        frame_videos: per frame, its video's index in ``videos``, int32.
        frame_indices: per frame, its ``frameIndex`` (-1 if it has none), int64.
        masks: per label, the ``counts`` of its RLE mask (of the frame's size); ``None`` for
            tables of boxes.
    """

    def __init__(self, names: StringTable, sizes: np.ndarray, frame_attributes: np.ndarray,
                 offsets: np.ndarray, boxes: np.ndarray, classes: np.ndarray,
                 ignored: np.ndarray, label_ids: StringTable, label_attributes: np.ndarray,
                 attribute_values: Sequence[Dict[str, Any]], files: Sequence[str] = (),
                 frame_files: Optional[np.ndarray] = None, videos: Sequence[Optional[str]] = (),
                 frame_videos: Optional[np.ndarray] = None,
                 frame_indices: Optional[np.ndarray] = None,
                 masks: Optional[StringTable] = None) -> None:
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
        self.files = tuple(files)
        self.frame_files = frame_files
        self.videos = tuple(videos)
        self.frame_videos = frame_videos
        self.frame_indices = frame_indices
        self.masks = masks

    def __len__(self) -> int:
        return len(self.names)

    def labels(self, index: int) -> slice:
        """The label range of frame ``index``."""
        return slice(int(self.offsets[index]), int(self.offsets[index + 1]))

    def attributes(self, code: int) -> Dict[str, Any]:
        """A fresh copy of the attribute dict numbered ``code``."""
        return dict(self.attribute_values[code])

    def file(self, index: int) -> str:
        """The label file frame ``index`` was read from."""
        return self.files[int(self.frame_files[index])]

    def video(self, index: int) -> Optional[str]:
        """The ``videoName`` of frame ``index``."""
        return self.videos[int(self.frame_videos[index])]

    def frame(self, index: int) -> Dict[str, Any]:
        """Frame ``index`` as the dict error messages name (name, video, frame index)."""
        frame_index = int(self.frame_indices[index])
        return {'name': self.names[index], 'videoName': self.video(index),
                'frameIndex': None if frame_index < 0 else frame_index}

    def mask(self, label: int, position: int) -> Dict[str, Any]:
        """The Scalabel RLE of label ``label`` (of frame ``position``)."""
        return {'counts': self.masks[label], 'size': self.sizes[position].tolist()}


class FrameTableBuilder:
    """Collects frames and labels one by one into typed buffers, then builds a :class:`FrameTable`.

    Args:
        masks: whether labels carry an RLE mask (``add_label(..., mask=counts)``).
    """

    def __init__(self, masks: bool = False) -> None:
        self.names: List[str] = []
        self.sizes = array('i')
        self.frame_attributes = array('i')
        self.frame_files = array('i')
        self.frame_videos = array('i')
        self.frame_indices = array('q')
        self.offsets = array('q', [0])
        self.coordinates = array('d')
        self.classes = array('h')
        self.ignored = array('b')
        self.label_ids = TextBuffer()
        self.masks = TextBuffer() if masks else None
        self.label_attributes = array('i')
        self.codes = CodeBook()
        self.files = CodeBook()
        self.videos = CodeBook()

    def add_frame(self, name: str, size: Tuple[int, int], attributes: Dict[str, Any],
                  file: str = '', video: Optional[str] = None,
                  frame_index: Optional[int] = None) -> None:
        """Starts a frame (its labels are added next)."""
        if len(self.names):
            self.offsets.append(len(self.classes))
        self.names.append(name)
        self.sizes.extend(size)
        self.frame_attributes.append(self.codes.code(attributes))
        self.frame_files.append(self.files.code(file))
        self.frame_videos.append(self.videos.code(video))
        self.frame_indices.append(-1 if frame_index is None else frame_index)

    def add_label(self, box: Tuple[float, float, float, float], class_index: int, ignored: bool,
                  label_id: str, attributes: Dict[str, Any], mask: Optional[str] = None) -> None:
        """Adds a label of the current frame (``box`` as OpenMMLab ``[x1, y1, x2, y2)``, ``mask``
        the ``counts`` of its RLE if the table keeps masks)."""
        self.coordinates.extend(box)
        self.classes.append(class_index)
        self.ignored.append(ignored)
        self.label_ids.add(label_id)
        if self.masks is not None:
            self.masks.add(mask)
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
            self.label_ids.build(),
            np.frombuffer(self.label_attributes, dtype=np.int32),
            self.codes.values,
            files=self.files.values,
            frame_files=np.frombuffer(self.frame_files, dtype=np.int32),
            videos=self.videos.values,
            frame_videos=np.frombuffer(self.frame_videos, dtype=np.int32),
            frame_indices=np.frombuffer(self.frame_indices, dtype=np.int64),
            masks=None if self.masks is None else self.masks.build())


class TableRows(Sequence[Row]):
    """Frames of a :class:`FrameTable` seen as a sequence of dicts, each built when asked for.

    Used as an mmengine dataset's ``data_list``: dataloader workers share the arrays, and a data
    info exists only while its sample is loaded. Filtering or slicing keeps the table and selects
    positions in it.

    Args:
        table: the frames (a :class:`FrameTable`, or any sized table of arrays ``row`` reads, e.g.
            the people of a pose dataset).
        row: builds the dict of the frame at a position of ``table`` (a picklable function).
        positions: the frames of the table in this sequence, in order (default: all).
    """

    def __init__(self, table: Any, row: Callable[[Any, int], Row],
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


class RowsDataset:
    """An mmengine dataset mixin for a ``data_list`` of rows built when asked for (a
    :class:`TableRows`, or any sequence with ``take`` and slicing): mmengine's ``serialize_data``
    (which would build and pickle every row) is turned off, and subsets (``indices``,
    ``get_subset``) stay rows of the same arrays.

    Put it first among the bases: ``class Dataset(RowsDataset, BaseDataset)``.
    """

    data_list: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **dict(kwargs, serialize_data=False))  # type: ignore[call-arg]

    def _get_unserialized_subset(self, indices: Union[Sequence[int], int]) -> Any:
        """The first (or last, if negative) ``indices`` rows, or those at ``indices``."""
        if isinstance(indices, int):
            return self.data_list[:indices] if indices >= 0 else self.data_list[indices:]
        return self.data_list.take(indices)
