"""Scalabel ``poly2d`` lane labels (``labels/lane/polygons/lane_<split>.json``) packed into arrays.

The frames are decoded one at a time with msgspec (only the name, and each label's category,
``laneDirection``, ``laneStyle`` and ``poly2d`` vertices and types: what the lane masks are drawn
from), checked, and packed into a :class:`LaneFrames`: the vertices in one float array, their
types in one byte array, offsets per frame, label and ``poly2d``, and each label's category,
direction and style as a code into the few distinct ones. A frame's labels become the Scalabel
dicts :func:`.lane_drawing.draw_lane_mask` draws only when asked for, so dataloader workers share
the arrays and no object per label lives for the run.
"""
import itertools
from array import array
from typing import Any, Dict, List, Optional, Tuple

import msgspec
import numpy as np

from .errors import LabelError
from .frame_table import StringTable, TextBuffer
from .frames import where
from .lane_drawing import check_poly2d
from .lanes import encode_lane
from .typed_json import decode_frames, unique_frames

#: A lane label's category, ``laneDirection`` and ``laneStyle``.
LaneStyle = Tuple[str, str, str]


class LanePoly2D(msgspec.Struct, gc=False):
    """A ``poly2d`` of a lane label (``closed`` is not read: lane markings are drawn open)."""

    vertices: List[Tuple[float, float]]
    types: str


class LaneAttributes(msgspec.Struct, gc=False):
    """The attributes of a lane label that are drawn (missing ones are parallel and solid, as
    officially; ``laneTypes`` repeats the category and is not read)."""

    laneDirection: str = 'parallel'
    laneStyle: str = 'solid'


class LaneLabel(msgspec.Struct, gc=False):
    """The fields of a lane label the lane dataset reads (``id`` names it in errors)."""

    category: str
    id: Any = None
    attributes: Optional[LaneAttributes] = None
    poly2d: Optional[List[LanePoly2D]] = None


class LaneFrame(msgspec.Struct, gc=False):
    """The fields of a frame of lane labels the lane dataset reads."""

    name: str
    videoName: Optional[str] = None
    frameIndex: Optional[int] = None
    labels: Optional[List[LaneLabel]] = None


class LaneFrames:
    """Frames of ``poly2d`` lane labels as arrays: frame ``i`` owns labels
    ``label_offsets[i]:label_offsets[i + 1]``, label ``j`` owns ``poly2d``
    ``poly_offsets[j]:poly_offsets[j + 1]`` and ``poly2d`` ``k`` owns vertices
    ``vertex_offsets[k]:vertex_offsets[k + 1]``.

    Args:
        names: the frame names.
        label_offsets: int64, (F + 1,).
        styles: per label, the code of its category, direction and style in ``style_values``,
            int32.
        style_values: the distinct ``(category, laneDirection, laneStyle)`` of the labels.
        poly_offsets: int64, (L + 1,).
        vertex_offsets: int64, (P + 1,).
        vertices: the file's vertices, float64, (V, 2).
        vertex_types: the type of each vertex (``L`` or ``C``) as an ASCII code, uint8, (V,).
    """

    def __init__(self, names: StringTable, label_offsets: np.ndarray, styles: np.ndarray,
                 style_values: List[LaneStyle], poly_offsets: np.ndarray,
                 vertex_offsets: np.ndarray, vertices: np.ndarray,
                 vertex_types: np.ndarray) -> None:
        self.names = names
        self.label_offsets = label_offsets
        self.styles = styles
        self.style_values = tuple(style_values)
        self.poly_offsets = poly_offsets
        self.vertex_offsets = vertex_offsets
        self.vertices = vertices
        self.vertex_types = vertex_types

    def __len__(self) -> int:
        return len(self.names)

    def labels(self, index: int) -> List[Dict[str, Any]]:
        """The labels of frame ``index`` as fresh Scalabel dicts (``category``, ``attributes``
        ``laneDirection`` and ``laneStyle``, ``poly2d`` with ``vertices`` and ``types``), in file
        order."""
        labels = []
        for label in range(self.label_offsets[index], self.label_offsets[index + 1]):
            category, direction, style = self.style_values[self.styles[label]]
            labels.append({'category': category,
                           'attributes': {'laneDirection': direction, 'laneStyle': style},
                           'poly2d': [self.poly2d(poly) for poly in range(
                               self.poly_offsets[label], self.poly_offsets[label + 1])]})
        return labels

    def poly2d(self, index: int) -> Dict[str, Any]:
        """``poly2d`` ``index`` as a Scalabel dict (``vertices``, ``types``)."""
        start, stop = int(self.vertex_offsets[index]), int(self.vertex_offsets[index + 1])
        return {'vertices': self.vertices[start:stop].tolist(),
                'types': self.vertex_types[start:stop].tobytes().decode('ascii')}


class LaneFramesBuilder:
    """Collects frames and their lane labels one by one, then builds :class:`LaneFrames`."""

    def __init__(self) -> None:
        self.names = TextBuffer()
        self.label_offsets = array('q')  # the first label of each frame, then the end
        self.styles = array('i')
        self.style_codes: Dict[LaneStyle, int] = {}
        self.poly_offsets = array('q', [0])
        self.vertex_offsets = array('q', [0])
        self.coordinates = array('d')
        self.vertex_types = bytearray()

    def add_frame(self, name: str) -> None:
        """Starts a frame (its labels are added next)."""
        self.label_offsets.append(len(self.styles))
        self.names.add(name)

    def add_label(self, style: LaneStyle, polys: List[LanePoly2D]) -> None:
        """Adds a label of the current frame (its ``poly2d`` checked by :func:`check_poly2d`).

        Raises:
            ValueError: an unknown category, direction or style, or a ``poly2d`` without one
                ``L``/``C`` type per vertex.
        """
        code = self.style_codes.get(style)
        if code is None:
            encode_lane(*style)  # checked once per distinct style
            code = self.style_codes[style] = len(self.style_codes)
        for poly in polys:
            check_poly2d(poly.vertices, poly.types)
        self.styles.append(code)
        for poly in polys:
            self.coordinates.extend(itertools.chain.from_iterable(poly.vertices))
            self.vertex_types += poly.types.encode('ascii')
            self.vertex_offsets.append(len(self.vertex_types))
        self.poly_offsets.append(len(self.vertex_offsets) - 1)

    def build(self) -> LaneFrames:
        """The frames added."""
        self.label_offsets.append(len(self.styles))
        return LaneFrames(
            self.names.build(), np.frombuffer(self.label_offsets, dtype=np.int64),
            np.frombuffer(self.styles, dtype=np.int32), list(self.style_codes),
            np.frombuffer(self.poly_offsets, dtype=np.int64),
            np.frombuffer(self.vertex_offsets, dtype=np.int64),
            np.frombuffer(self.coordinates, dtype=np.float64).reshape(-1, 2),
            np.frombuffer(bytes(self.vertex_types), dtype=np.uint8))


def read_lane_frames(path: str) -> LaneFrames:
    """Reads and checks the frames of a ``poly2d`` lane label file (or folder of them).

    Raises:
        FileNotFoundError: no such file or folder.
        LabelError: malformed JSON, a field of the wrong type, a repeated frame, a label without
            ``poly2d``, of an unknown category, direction or style, or a ``poly2d`` without one
            ``L``/``C`` type per vertex (names the file, the frame, the label and the field).
    """
    builder = LaneFramesBuilder()
    for file, frame in unique_frames(decode_frames(path, LaneFrame)):
        builder.add_frame(frame.name)
        for label in frame.labels or ():
            attributes = label.attributes or LaneAttributes()
            try:
                if label.poly2d is None:
                    raise ValueError('a lane label needs "poly2d"')
                builder.add_label((label.category, attributes.laneDirection,
                                   attributes.laneStyle), label.poly2d)
            except ValueError as err:
                raise LabelError(f'{where(file, msgspec.to_builtins(frame), {"id": label.id})}: '
                                 f'{err}') from None
    return builder.build()
