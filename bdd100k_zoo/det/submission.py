"""Instance segmentation predictions in the official formats: non-overlapping RLE labels, bitmasks.

The official evaluation drops every prediction of an image whose masks overlap, and the bitmask
format (what the BDD100K ins_seg server takes) holds one instance per pixel. Masks are therefore
painted in increasing score order, the higher score winning a pixel, as the official conversion of
mmdet results does; instances left without pixels are dropped.

Bitmask submission (``bdd100k.eval.run -t ins_seg -r bitmasks/ --score-file score.json``): one RGBA
PNG per image, ``bitmasks/<stem>.png``, R = category id (1-based), G = 0, B/A = the instance's index
(1-based), and ``score.json``: ``[{"name": "<stem>.jpg", "labels": [{"id", "index", "score"}]}]``.
"""
import json
import zipfile
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np

from ..export.atomic import atomic_open
from ..export.predictions import box_labels
from ..labels import LabelError
from ..labels.frames import Frame
from ..labels.instances import paint_instances
from ..labels.masks import encode_bitmask, instance_rles, png_bytes, rle_decode

#: The bitmask format stores instance indices in 16 bits.
MAX_INSTANCES = 65535


def mask_labels(bboxes: np.ndarray, scores: np.ndarray, labels: np.ndarray, masks: np.ndarray,
                classes: Sequence[str]) -> List[Dict]:
    """Scalabel labels (box2d, score, category, RLE) of detections with non-overlapping masks.

    Args:
        bboxes: N x 4 ``[x1, y1, x2, y2]`` (OpenMMLab convention).
        scores: N confidences.
        labels: N class indices into ``classes``.
        masks: N x H x W binary masks (original image size).
        classes: class names.

    Returns:
        One label per instance that keeps pixels once higher-scored masks are painted over it.
    """
    rles = instance_rles(paint_instances(masks, scores))
    kept = np.array(sorted(number - 1 for number in rles), dtype=np.int64)
    out = box_labels(bboxes[kept], scores[kept], labels[kept], classes)
    for label, index in zip(out, kept):
        label['rle'] = rles[int(index) + 1]
    return out


def frame_bitmask(frame: Frame, classes: Sequence[str]) -> Tuple[np.ndarray, List[Dict]]:
    """The RGBA bitmask and score entries of a prediction frame with non-overlapping RLE labels.

    Raises:
        LabelError: more than 65535 labels, masks of different sizes or overlapping masks.
    """
    labels = frame.get('labels') or []
    height, width = frame['size']['height'], frame['size']['width']
    if len(labels) > MAX_INSTANCES:
        raise LabelError(f'frame {frame["name"]!r}: {len(labels)} instances do not fit the '
                         f'{MAX_INSTANCES} indices of a bitmask')
    categories = np.zeros((height, width), dtype=np.int32)
    instances = np.zeros((height, width), dtype=np.int32)
    entries = []
    for index, label in enumerate(labels, start=1):
        region = rle_decode(label['rle']).astype(bool)
        if region.shape != (height, width) or instances[region].any():
            raise LabelError(f'frame {frame["name"]!r}, label id {label.get("id")!r}: mask of size '
                             f'{list(region.shape)} overlaps another or is not {[height, width]}')
        categories[region] = list(classes).index(label['category']) + 1
        instances[region] = index
        entries.append({'id': label.get('id', str(index)), 'index': index,
                        'score': float(label['score'])})
    rgba = encode_bitmask(categories, instances, np.zeros_like(instances))
    return rgba, entries


def bitmask_name(frame_name: str) -> str:
    """``bitmasks/<stem>.png`` for an image name (folders of the name dropped, as officially)."""
    stem = frame_name.rsplit('/', 1)[-1].rsplit('.', 1)[0]
    return f'bitmasks/{stem}.png'


def write_bitmask_zip(path: str, frames: Iterable[Frame], classes: Sequence[str]) -> int:
    """Writes the official bitmask submission (``bitmasks/*.png`` + ``score.json``) as a zip.

    Args:
        path: the zip file, written atomically.
        frames: prediction frames with ``size`` and non-overlapping RLE labels (see
            :func:`mask_labels`).
        classes: the class names (category id ``i`` is ``classes[i - 1]``).

    Returns:
        The number of bitmasks written.
    """
    scores = []
    with atomic_open(path, 'wb') as f, zipfile.ZipFile(f, 'w', zipfile.ZIP_STORED) as zf:
        for frame in frames:
            rgba, entries = frame_bitmask(frame, classes)
            zf.writestr(bitmask_name(frame['name']), png_bytes(rgba))
            scores.append({'name': frame['name'], 'labels': entries})
        zf.writestr('score.json', json.dumps(scores))
    return len(scores)

