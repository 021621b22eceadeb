"""The official rule for overlapping prediction masks (ins_seg, pan_seg, seg_track).

Masks of one prediction frame must not overlap; the official evaluation drops every prediction of a
frame whose masks do (scalabel's ``check_overlap``, whose multi-process path crashes in scalabel
0.3.1 — hence this sequential version over the same per-frame test).
"""
import logging
from typing import List, Sequence

from scalabel.eval.utils import check_overlap_frame
from scalabel.label.typing import Frame

logger = logging.getLogger(__name__)


def drop_overlapping(frames: Sequence[Frame], classes: Sequence[str], task: str) -> List[str]:
    """Empties (``labels = None``) the prediction frames whose masks overlap, with a warning.

    Returns:
        The names of the emptied frames.
    """
    dropped = []
    for frame in frames:
        if check_overlap_frame(frame, list(classes)):
            frame.labels = None
            dropped.append(frame.name)
    if dropped:
        logger.warning('%s: the masks of %d prediction frames overlap (e.g. %r); as in the '
                       'official evaluation, all predictions of those frames are removed', task,
                       len(dropped), dropped[0])
    return dropped
