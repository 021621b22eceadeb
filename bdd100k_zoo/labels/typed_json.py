"""Scalabel label files decoded with msgspec into typed frames, one frame at a time.

A file is first split into the raw bytes of its frames (``msgspec.Raw``: one pass, nothing built);
each frame is then decoded into a ``msgspec.Struct`` type that declares only the fields a task reads,
so the parser skips the rest and at most one frame's objects exist at a time. Any failure becomes a
:class:`~.errors.LabelError` naming the file, the frame and the field.
"""
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Type, TypeVar, Union

import msgspec

from .errors import LabelError
from .frames import label_files, read_frames, where

T = TypeVar('T')


class NamedFrame(msgspec.Struct, gc=False):
    """The fields of a frame every task reads: its name, video and attributes (weather, ...)."""

    name: str
    videoName: Optional[str] = None
    frameIndex: Optional[int] = None
    attributes: Optional[Dict[str, Any]] = None


class FrameList(msgspec.Struct):
    """A label file of the ``{"frames": [...], "config": ...}`` form."""

    frames: List[msgspec.Raw]


#: A label file: a list of frames or an object holding them; frames stay undecoded.
_FILE = msgspec.json.Decoder(Union[List[msgspec.Raw], FrameList])
_ANY = msgspec.json.Decoder()


def read_bytes(path: str) -> bytes:
    """The content of a label file."""
    with open(path, 'rb') as f:
        return f.read()


class MalformedJSON(LabelError):
    """A label file msgspec cannot parse (malformed, or with ``NaN``/``Infinity``)."""


def malformed(path: str, data: bytes, err: msgspec.DecodeError) -> MalformedJSON:
    """The error of JSON that does not parse, with the line and column it fails at if known."""
    message = str(err)
    if '(byte ' in message:
        message, offset = message.rsplit(' (byte ', 1)
        position = int(offset.rstrip(')'))
    elif 'truncated' in message:
        position = len(data)
    else:  # e.g. invalid UTF-8 in a string
        return MalformedJSON(f'{path}: malformed JSON: {message}')
    line = data.count(b'\n', 0, position) + 1
    column = position - (data.rfind(b'\n', 0, position) + 1) + 1
    if 'invalid character' in message:
        message += ' (NaN and Infinity are not JSON either)'
    return MalformedJSON(f'{path}: malformed JSON at line {line} column {column}: {message}')


def split_frames(path: str, data: bytes) -> List[msgspec.Raw]:
    """The raw frames of a label file's content (a list, or an object with ``frames``)."""
    try:
        content = _FILE.decode(data)
    except msgspec.ValidationError as err:
        raise LabelError(f'{path}: expected a list of frames or an object with "frames": '
                         f'{err}') from None
    except msgspec.DecodeError as err:
        raise malformed(path, data, err) from None
    return content.frames if isinstance(content, FrameList) else content


def field_error(path: str, index: int, raw: msgspec.Raw, err: Exception) -> LabelError:
    """The error of frame #``index`` that does not fit its type, naming the frame and the field."""
    try:
        frame = _ANY.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError) as decode_err:
        return LabelError(f'{path}: frame #{index}: {decode_err}')
    return frame_field_error(path, index, frame, err)


def frame_field_error(path: str, index: int, frame: Any, err: Exception) -> LabelError:
    """The error of frame #``index`` (parsed) that does not fit its type."""
    if not isinstance(frame, dict) or not isinstance(frame.get('name'), str):
        return LabelError(f'{path}: frame #{index} is not an object with a "name" string')
    message = str(err)
    if ' - at `$' in message:
        message, field = message.rsplit(' - at `$', 1)
        label = labelled(frame, field)
        return LabelError(f'{where(path, frame, label)}: field {field.rstrip("`").lstrip(".")}: '
                          f'{message}')
    return LabelError(f'{where(path, frame)}: {message}')


def labelled(frame: dict, field: str) -> Optional[dict]:
    """The label (an object) a field path such as ``.labels[3].box2d.x1`` lies in, else ``None``."""
    if not field.startswith('.labels['):
        return None
    label = frame['labels'][int(field[len('.labels['):].split(']', 1)[0])]
    return label if isinstance(label, dict) else None


def decode_frames(path: str, frame_type: Type[T]) -> Iterator[Tuple[str, T]]:
    """Yields ``(file, frame)`` for each frame of a label file (or folder), as ``frame_type``.

    Raises:
        FileNotFoundError: no such file or folder.
        LabelError: malformed JSON, not a list of frames, a frame without a ``name`` string or a
            field of the wrong type (names the file, the frame and the field).
    """
    decoder = msgspec.json.Decoder(frame_type)
    for file in label_files(path):
        for index, raw in enumerate(split_frames(file, read_bytes(file))):
            try:
                frame = decoder.decode(raw)
            except (msgspec.ValidationError, msgspec.DecodeError) as err:
                raise field_error(file, index, raw, err) from None
            yield file, frame


def unique_frames(frames: Iterable[Tuple[str, T]]) -> Iterator[Tuple[str, T]]:
    """Passes on the ``(file, frame)`` pairs of :func:`decode_frames` (frames with ``name`` and
    ``videoName``), refusing a frame whose name came before in the same video (or outside videos).

    Raises:
        LabelError: a duplicated frame (names the file and the frame).
    """
    seen = set()
    for file, frame in frames:
        key = (frame.videoName, frame.name)  # type: ignore[attr-defined]
        if key in seen:
            raise LabelError(f'{where(file, msgspec.to_builtins(frame))}: duplicated frame')
        seen.add(key)
        yield file, frame


class DatasetLabel(msgspec.Struct, gc=False, omit_defaults=True):
    """The fields of a label the datasets of the zoo read; their values are checked by the
    dict-based checks (:mod:`.frames`, :mod:`.instances`), which word the errors."""

    id: Any = None
    category: Any = None
    attributes: Any = None
    box2d: Any = None
    rle: Any = None
    graph: Any = None
    score: Any = None


class DatasetFrame(msgspec.Struct, gc=False, omit_defaults=True):
    """The fields of a frame the datasets of the zoo read (see :class:`DatasetLabel`)."""

    name: str
    videoName: Any = None
    frameIndex: Any = None
    size: Any = None
    attributes: Any = None
    labels: Optional[List[DatasetLabel]] = None


def read_typed_frames(path: str, frame_type: Type[T]) -> List[T]:
    """The frames of a label file (or folder) as ``frame_type``, as :func:`decode_frames` reads
    them; a file msgspec cannot parse is read by :func:`.frames.read_frames` (Python's ``json``
    takes ``NaN``, or words the error) and its frames converted.

    Raises:
        FileNotFoundError: no such file or folder.
        LabelError: as :func:`decode_frames`.
    """
    try:
        return [frame for _, frame in decode_frames(path, frame_type)]
    except MalformedJSON:
        pass
    frames = []
    for index, frame in enumerate(read_frames(path)):
        try:
            frames.append(msgspec.convert(frame, frame_type))
        except msgspec.ValidationError as err:
            raise frame_field_error(path, index, frame, err) from None
    return frames


def read_dataset_frames(path: str) -> List[Dict[str, Any]]:
    """The frames of a label file (or folder) as dicts holding only the fields datasets read.

    As :func:`.frames.read_frames`, with the rest of each frame (polygons, 3D boxes, timestamps,
    ...) skipped by the parser; absent and ``null`` fields are left out of the dicts. A file
    msgspec cannot parse is read by :func:`.frames.read_frames` (all fields).

    Raises:
        FileNotFoundError: no such file or folder.
        LabelError: as :func:`decode_frames`.
    """
    try:
        return [msgspec.to_builtins(frame) for _, frame in decode_frames(path, DatasetFrame)]
    except MalformedJSON:  # read as before: Python's json takes NaN, or words the error
        return read_frames(path)
