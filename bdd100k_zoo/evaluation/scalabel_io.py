"""Handing checked frames to scalabel: fast object construction, and silence.

Scalabel's functions take its pydantic ``Frame`` objects. Validating 10K frames with 1M labels
through pydantic costs minutes, so frames (already checked by :mod:`.inputs`) are built with
``construct`` here; ids become strings, as scalabel's own loader makes them.
"""
import contextlib
import io
import logging
from typing import Any, Dict, Iterator, List, Sequence

from scalabel.common.logger import logger as scalabel_logger
from scalabel.common.quiet import is_quiet, mute
from scalabel.label.typing import RLE, Box2D, Edge, Frame, Graph, ImageSize, Label, Node

from ..labels.frames import Frame as FrameDict


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silences scalabel's logger and progress bars and pycocotools' prints (to stdout).

    Our own checks report what scalabel would log (missing frames, overlaps) as warnings.
    """
    was_quiet, level = is_quiet(), scalabel_logger.level
    mute(True)
    scalabel_logger.setLevel(logging.CRITICAL + 1)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        mute(was_quiet)
        scalabel_logger.setLevel(level)


def to_label(raw: Dict[str, Any], index: int) -> Label:
    """A scalabel label from a checked label dict (its id is its position if it has none)."""
    fields = dict(raw, id=str(raw['id']) if raw.get('id') is not None else str(index),
                  poly2d=None, box3d=None)
    box = raw.get('box2d')
    if box is not None:
        fields['box2d'] = Box2D.construct(**{key: float(box[key])
                                             for key in ('x1', 'y1', 'x2', 'y2')})
    rle = raw.get('rle')
    if rle is not None:
        fields['rle'] = RLE.construct(counts=rle['counts'], size=tuple(rle['size']))
    graph = raw.get('graph')
    if graph is not None:
        fields['graph'] = Graph.construct(
            nodes=[Node.construct(**node) for node in graph['nodes']],
            edges=[Edge.construct(**edge) for edge in graph.get('edges') or ()],
            type=graph.get('type'))
    return Label.construct(**fields)


def to_frame(raw: FrameDict) -> Frame:
    """A scalabel frame from a checked frame dict."""
    size = raw.get('size')
    labels = raw.get('labels')
    return Frame.construct(
        name=raw['name'], videoName=raw.get('videoName'), frameIndex=raw.get('frameIndex'),
        attributes=raw.get('attributes'),
        size=ImageSize.construct(**size) if isinstance(size, dict) else None,
        labels=None if labels is None else [to_label(label, i) for i, label in enumerate(labels)])


def to_frames(frames: Sequence[FrameDict]) -> List[Frame]:
    """Scalabel frames from checked frame dicts."""
    return [to_frame(frame) for frame in frames]
