"""Checking and normalising label/prediction frames (plain Scalabel dicts) before evaluation.

Every evaluation first runs its frames through :func:`prepare_frames`: categories are mapped as the
official configs do, geometry, scores and ids are checked, and anything wrong raises
:class:`~bdd100k_zoo.labels.LabelError` naming the file, frame and label. The caller's frames are
never modified (the result holds new frame and label dicts).
"""
import numbers
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ..labels import LabelError
from ..labels.categories import POSE_JOINTS
from ..labels.frames import Frame, Label, check_box, check_score, where
from ..labels.masks import check_rle_label
from .configs import TaskSpec

INTEGER_ID = re.compile(r'-?\d+$')
INT32_MAX = 2 ** 31 - 1


class Origin:
    """Names where frames came from, for error messages.

    Args:
        default: the name used for frames of unknown file (e.g. ``'predictions'``).
        files: optional ``{id(frame): file path}`` for frames read from several files.
    """

    def __init__(self, default: str, files: Optional[Mapping[int, str]] = None) -> None:
        self.default = default
        self.files = dict(files or {})

    def __call__(self, frame: Frame) -> str:
        """The file (or default name) of ``frame``."""
        return self.files.get(id(frame), self.default)

    def keep(self, old: Frame, new: Frame) -> Frame:
        """Records that ``new`` (a normalised copy) comes from the same file as ``old``."""
        if id(old) in self.files:
            self.files[id(new)] = self.files[id(old)]
        return new


def check_graph(graph: Any, path: str, frame: Frame, label: Label) -> None:
    """Checks a pose ``graph``: one node per BDD100K joint, each with an (x, y) location and an
    optional numeric score; a string ``type`` and a list of edge objects, if given."""
    nodes = graph.get('nodes') if isinstance(graph, dict) else None
    if not isinstance(nodes, list) or len(nodes) != len(POSE_JOINTS):
        raise LabelError(f'{where(path, frame, label)}: graph must have {len(POSE_JOINTS)} nodes '
                         f'(one per joint), got {len(nodes) if isinstance(nodes, list) else nodes}')
    edges = graph.get('edges')
    if (not isinstance(graph.get('type', ''), (str, type(None)))
            or not isinstance(edges, (list, type(None)))
            or not all(isinstance(edge, dict) for edge in edges or ())):
        raise LabelError(f'{where(path, frame, label)}: a graph "type" must be a string and its '
                         f'"edges" a list of objects')
    for node in nodes:
        location = node.get('location') if isinstance(node, dict) else None
        if (not isinstance(location, (list, tuple)) or len(location) < 2
                or not all(isinstance(v, numbers.Real) for v in location[:2])):
            raise LabelError(f'{where(path, frame, label)}: every graph node needs a numeric '
                             f'"location" [x, y], got {node!r:.80}')
        score = node.get('score')
        if score is not None and (isinstance(score, bool) or not isinstance(score, numbers.Real)):
            raise LabelError(f'{where(path, frame, label)}: a graph node "score" must be a '
                             f'number, got {score!r}')


def check_track_id(label_id: Any, path: str, frame: Frame, label: Label) -> None:
    """Checks a predicted track id: an integer (or integer string) that fits in 32 bits."""
    if (isinstance(label_id, bool) or not isinstance(label_id, (numbers.Integral, str))
            or not INTEGER_ID.match(str(label_id)) or abs(int(label_id)) > INT32_MAX):
        raise LabelError(f'{where(path, frame, label)}: a predicted track id must be an integer, '
                         f'got {label_id!r}')


def check_attributes(owner: Dict[str, Any], place: str) -> None:
    """Checks the ``attributes`` of a frame or label (named ``place`` in errors) are an object."""
    attributes = owner.get('attributes')
    if attributes is not None and not isinstance(attributes, dict):
        raise LabelError(f'{place}: "attributes" must be an object, got {attributes!r:.80}')


GEOMETRY_CHECKS = {'box2d': check_box, 'rle': check_rle_label, 'graph': check_graph}


def prepare_label(label: Any, spec: TaskSpec, prediction: bool, path: str,
                  frame: Frame) -> Optional[Label]:
    """A checked, category-mapped copy of one label; ``None`` if the task leaves it out.

    Labels without the task's geometry are left out (as the official evaluation does); so are
    segmentation names outside the task's classes (``spec.dropped``).
    """
    if not isinstance(label, dict):
        raise LabelError(f'{where(path, frame)}: a label must be an object, got {label!r:.80}')
    category = label.get('category')
    named = isinstance(category, str)
    if (named and category in spec.dropped) or label.get(spec.geometry) is None:
        return None
    if not named or category not in spec.categories:
        raise LabelError(f'{where(path, frame, label)}: unknown category {category!r} for '
                         f'{spec.name} (expected one of {", ".join(spec.classes)}, or a name '
                         f'the official config maps onto them)')
    check_attributes(label, where(path, frame, label))
    for geometry, check in GEOMETRY_CHECKS.items():  # scalabel reads every geometry given
        if label.get(geometry) is not None:
            check(label[geometry], path, frame, label)
    if spec.boxed and not prediction and label.get('box2d') is None:
        check_box(None, path, frame, label)
    if prediction and spec.scored:
        check_score(label.get('score'), path, frame, label)
    if spec.video:
        if prediction:
            check_track_id(label.get('id'), path, frame, label)
        elif label.get('id') is None:
            raise LabelError(f'{where(path, frame, label)}: a ground-truth label needs an "id" '
                             f'(its track)')
    name, ignored = spec.categories[category]
    out = dict(label, category=name)
    if ignored:
        out['attributes'] = dict(label.get('attributes') or {}, ignored=True)
    return out


def prepare_frames(frames: Sequence[Frame], spec: TaskSpec, origin: Origin,
                   prediction: bool) -> List[Frame]:
    """Checked copies of ``frames`` with categories mapped as the official configs do.

    Args:
        frames: Scalabel frames (plain dicts).
        spec: the task.
        origin: names the file of each frame in errors.
        prediction: whether these are predictions (scores and integer track ids required).

    Raises:
        LabelError: a frame or label is malformed, or a category is unknown.
    """
    out = []
    for index, frame in enumerate(frames):
        if not isinstance(frame, dict) or not isinstance(frame.get('name'), str):
            raise LabelError(f'{origin.default}: frame #{index} is not an object with a "name" '
                             f'string')
        path = origin(frame)
        labels = frame.get('labels')
        if labels is not None and not isinstance(labels, list):
            raise LabelError(f'{where(path, frame)}: "labels" must be a list')
        check_attributes(frame, where(path, frame))
        new: Dict[str, Any] = dict(frame)
        if spec.geometry is not None:
            kept = (prepare_label(label, spec, prediction, path, frame) for label in labels or ())
            new['labels'] = [label for label in kept if label is not None]
        out.append(origin.keep(frame, new))
    return out


def mask_size(frame: Frame, path: str) -> Optional[List[int]]:
    """The common ``rle`` size of a frame's labels (``None`` without labels)."""
    size = None
    for label in frame.get('labels') or ():
        if size is not None and list(label['rle']['size']) != size:
            raise LabelError(f'{where(path, frame, label)}: mask size {label["rle"]["size"]} '
                             f'differs from the other labels\' {size}')
        size = list(label['rle']['size'])
    return size


def check_mask_sizes(gt_frames: Sequence[Frame], pred_frames: Sequence[Frame], gt_origin: Origin,
                     pred_origin: Origin) -> None:
    """Checks paired RLE frames: one mask size per frame, the same in ground truth and prediction.

    Raises:
        LabelError: naming the frame (and label) whose size differs.
    """
    for gt_frame, pred_frame in zip(gt_frames, pred_frames):
        gt_size = mask_size(gt_frame, gt_origin(gt_frame))
        pred_size = mask_size(pred_frame, pred_origin(pred_frame))
        if None not in (gt_size, pred_size) and gt_size != pred_size:
            raise LabelError(f'{where(pred_origin(pred_frame), pred_frame)}: prediction masks '
                             f'have size {pred_size}, ground truth {gt_size}')
