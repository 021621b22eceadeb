"""Bitmask PNGs (ins_seg, pan_seg, seg_track) as Scalabel frames with RLE labels.

Like the official converter (``bdd100k.label.to_rle``): one label per instance id, category
``classes[R - 1]``, the G bits as attributes (crowd, ignored, occluded, truncated), the instance id
as label id. Pixels of category 0 (unlabeled) are no instance. ins_seg predictions take their
scores from a score file (Scalabel frames whose labels hold ``index``, the instance id, and
``score``): instances come in decreasing score (the official order, which decides ties) and
instances without a score are left out. Scored through the RLE path, bitmasks give the official
bitmask numbers (checked on the official fixtures).
"""
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..labels import LabelError
from ..labels.frames import Frame, Label
from ..labels.masks import Bitmask, instance_rles, read_bitmask
from .matching import stem

#: An instance id and its score (ins_seg predictions).
Scored = Tuple[int, float]


def instance_properties(bitmask: Bitmask, name: str) -> Dict[int, Tuple[int, int]]:
    """``{instance id: (category id, attribute bits)}``, checking each instance is uniform."""
    instances = bitmask.instances.ravel()
    foreground = instances > 0
    ids = instances[foreground]
    if not ids.size:
        return {}
    categories = bitmask.categories.ravel()[foreground]
    attributes = bitmask.attributes.ravel()[foreground]
    first = np.zeros(ids.max() + 1, dtype=np.int64)
    first[ids[::-1]] = np.arange(ids.size)[::-1]  # the first pixel of each id wins
    present = np.flatnonzero(np.bincount(ids))
    category_of = np.zeros(ids.max() + 1, dtype=np.int64)
    attribute_of = np.zeros(ids.max() + 1, dtype=np.int64)
    category_of[present] = categories[first[present]]
    attribute_of[present] = attributes[first[present]]
    mixed = (categories != category_of[ids]) | (attributes != attribute_of[ids])
    if mixed.any():
        raise LabelError(f'{name}: instance {int(ids[mixed][0])} has pixels of several '
                         f'categories or attribute values')
    return {int(i): (int(category_of[i]), int(attribute_of[i])) for i in present}


def attribute_flags(bits: int) -> Dict[str, bool]:
    """The Scalabel attributes of a bitmask G value."""
    return {'truncated': bool(bits & 8), 'occluded': bool(bits & 4), 'crowd': bool(bits & 2),
            'ignored': bool(bits & 1)}


def bitmask_labels(bitmask: Bitmask, classes: Sequence[str], name: str,
                   scores: Optional[Sequence[Scored]] = None) -> List[Label]:
    """The labels of a decoded bitmask (with ``scores``: scored predictions, best first).

    Raises:
        LabelError: an instance is not uniform, or has a category id beyond ``classes``.
    """
    properties = instance_properties(bitmask, name)
    illegal = sorted({cat for cat, _ in properties.values() if cat > len(classes)})
    if illegal:
        raise LabelError(f'{name}: illegal category ids {illegal} (expected 1..{len(classes)}, '
                         f'0 for unlabeled)')
    rles = instance_rles(bitmask.instances)
    if scores is None:
        order = [(instance, None) for instance in sorted(properties)]
    else:
        order = sorted(scores, key=lambda pair: pair[1], reverse=True)
    labels = []
    for instance, score in order:
        if instance not in properties or properties[instance][0] == 0:
            continue
        category, bits = properties[instance]
        label = {'id': str(instance), 'category': classes[category - 1],
                 'attributes': attribute_flags(bits), 'rle': rles[instance]}
        if score is not None:
            label['score'] = score
        labels.append(label)
    return labels


def bitmask_frame(classes: Sequence[str], item: Tuple[str, Dict]) -> Frame:
    """A frame from a bitmask file.

    Args:
        classes: the task's classes (category id ``k`` is ``classes[k - 1]``).
        item: the PNG path and the frame fields (``name``, optional ``videoName``,
            ``frameIndex``), plus ``scores`` (predictions: a list of (instance id, score)) and
            ``shown`` (how to name the file in errors), which are not frame fields.
    """
    path, fields = item
    fields = dict(fields)
    scores = fields.pop('scores', None)
    shown = fields.pop('shown', path)
    return dict(fields, labels=bitmask_labels(read_bitmask(path, shown), classes, shown, scores))


def score_table(frames: Sequence[Frame], path: str) -> Dict[str, List[Scored]]:
    """``{frame name stem: [(instance id, score)]}`` of an ins_seg score file's frames."""
    table = {}
    for frame in frames:
        pairs = []
        for label in frame.get('labels') or ():
            index, score = (label.get('index'), label.get('score')) if isinstance(
                label, dict) else (None, None)
            if not isinstance(index, int) or isinstance(score, bool) or not isinstance(
                    score, (int, float)):
                raise LabelError(f'{path}: frame {frame["name"]!r}: a score-file label needs an '
                                 f'integer "index" and a numeric "score", got {label!r:.80}')
            pairs.append((index, float(score)))
        table[stem(frame['name'])] = pairs
    return table
