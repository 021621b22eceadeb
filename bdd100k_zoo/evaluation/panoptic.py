"""pan_seg: panoptic quality (PQ, SQ, RQ) through scalabel.

The per-image matching is scalabel's ``pq_per_image`` (stuff masks of a class merged, IoU > 0.5
matches, predictions mostly on unlabeled or crowd regions not counted as false positives); the
steps around it are those of scalabel's ``evaluate_pan_seg``, run here with the sequential overlap
rule because that function crashes with ``nproc > 1`` in scalabel 0.3.1. Bitmask PNG inputs are
turned into the same RLE frames first (:mod:`.bitmasks`), so both formats score alike.
"""
from functools import partial
from typing import Dict, List, Sequence, Tuple

from scalabel.eval.pan_seg import STUFF, THING, PanSegResult, PQStat, pq_per_image
from scalabel.eval.result import OVERALL
from scalabel.eval.utils import label_ids_to_int
from scalabel.label.typing import Category, Frame
from scalabel.label.utils import get_leaf_categories

from ..labels.categories import PAN_SEG_CLASSES
from ..labels.frames import Frame as FrameDict
from .configs import scalabel_config
from .overlap import drop_overlapping
from .parallel import parallel_map
from .scalabel_io import quiet, to_frames
from .scores import Scores, from_result


def image_pq(categories: List[Category], pair: Tuple[Frame, Frame]) -> PQStat:
    """Scalabel's PQ statistics of one (ground truth, prediction) frame pair."""
    return pq_per_image(pair[0], pair[1], categories)


def pan_seg_result(stats: PQStat, categories: List[Category]) -> PanSegResult:
    """PQ/SQ/RQ/NUM per class, for stuff and things, and overall (scalabel's layout)."""
    groups: Dict[str, List[Dict]] = {}
    rows = [(0, category.name, [category]) for category in categories]
    rows += [(1, STUFF, [c for c in categories if not c.isThing]),
             (1, THING, [c for c in categories if c.isThing]), (2, OVERALL, categories)]
    for level, name, members in rows:
        for metric, value in stats.pq_average(members).items():
            groups.setdefault(metric, [{}, {}, {}])[level][name] = value
    return PanSegResult(**groups)


def score_pan_seg(gt: Sequence[FrameDict], preds: Sequence[FrameDict], nproc: int = 1,
                  progress: bool = False) -> Scores:
    """Panoptic quality of paired frames."""
    categories = get_leaf_categories(scalabel_config('pan_seg').categories)
    gt_frames, pred_frames = to_frames(gt), to_frames(preds)
    for frames in (gt_frames, pred_frames):
        if frames:
            label_ids_to_int(frames)  # ids only tell stuff segments apart
    drop_overlapping(pred_frames, PAN_SEG_CLASSES, 'pan_seg')
    total = PQStat(categories)
    with quiet():
        for stats in parallel_map(partial(image_pq, categories),
                                  list(zip(gt_frames, pred_frames)), nproc, progress, 'pan_seg'):
            total += stats
    return from_result('pan_seg', pan_seg_result(total, categories), PAN_SEG_CLASSES)
