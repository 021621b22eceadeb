"""Tracking predictions in the official submission formats of the BDD100K evaluation server.

Checked against the official toolkit (``bdd100k/bdd100k``: ``doc/source/evaluate.rst``,
``bdd100k/label/to_bitmasks.py``, ``bdd100k/eval/mots.py``):

- box_track (MOT): Scalabel JSON, as a zip of one ``<videoName>.json`` per video (a list of frames
  with ``videoName``, ``name``, ``frameIndex`` and labels ``id``, ``category``, ``box2d``,
  ``score``).
- seg_track (MOTS): the server only takes bitmasks: a zip of one folder per video,
  ``bitmasks/<videoName>/<frame stem>.png``. An RGBA PNG per frame: R = category id (1-based),
  G = attributes (0: no crowd/ignore for predictions), B << 8 | A = instance id, the same for a
  track along its video (1, 2, ... by first appearance, as the official converter numbers them).
  Masks of a frame must not overlap (one instance per pixel).
"""
import json
import zipfile
from typing import Dict, Iterable, List, Sequence

import numpy as np

from ..export.atomic import atomic_open
from ..labels import LabelError
from ..labels.frames import Frame, where
from ..labels.masks import encode_bitmask, png_bytes, rle_decode

#: The bitmask format stores instance ids in 16 bits.
MAX_INSTANCE_ID = 65535


def group_by_video(frames: Iterable[Frame]) -> Dict[str, List[Frame]]:
    """``{videoName: frames in frameIndex order}``, videos by name."""
    videos: Dict[str, List[Frame]] = {}
    for frame in frames:
        videos.setdefault(frame['videoName'], []).append(frame)
    return {name: sorted(videos[name], key=lambda frame: frame['frameIndex'])
            for name in sorted(videos)}


def write_video_json_zip(path: str, frames: Iterable[Frame]) -> int:
    """Writes the box_track submission: a zip of ``<videoName>.json`` files (atomically).

    Returns:
        The number of videos written.
    """
    videos = group_by_video(frames)
    with atomic_open(path, 'wb') as f, zipfile.ZipFile(f, 'w', zipfile.ZIP_DEFLATED) as zf:
        for name, video_frames in videos.items():
            zf.writestr(f'{name}.json', json.dumps(video_frames))
    return len(videos)


def frame_bitmask(frame: Frame, classes: Sequence[str], instance_ids: Dict[str, int]) -> np.ndarray:
    """The RGBA bitmask of a prediction frame with ``size`` and non-overlapping RLE labels.

    Args:
        frame: the prediction frame.
        classes: the class names (category id ``i`` is ``classes[i - 1]``).
        instance_ids: the video's track id -> instance id numbering, extended in place.

    Raises:
        LabelError: masks overlap or differ from the frame size, or the video has more tracks
            than a bitmask can number.
    """
    height, width = frame['size']['height'], frame['size']['width']
    categories = np.zeros((height, width), dtype=np.int32)
    instances = np.zeros((height, width), dtype=np.int32)
    for label in frame.get('labels') or ():
        region = rle_decode(label['rle']).astype(bool)
        if region.shape != (height, width) or instances[region].any():
            raise LabelError(f'{where("predictions", frame, label)}: mask of size '
                             f'{list(region.shape)} overlaps another or is not {[height, width]}')
        number = instance_ids.setdefault(str(label['id']), len(instance_ids) + 1)
        if number > MAX_INSTANCE_ID:
            raise LabelError(f'{where("predictions", frame, label)}: video has more than '
                             f'{MAX_INSTANCE_ID} tracks, more than a bitmask can number')
        categories[region] = list(classes).index(label['category']) + 1
        instances[region] = number
    return encode_bitmask(categories, instances, np.zeros_like(instances))


def bitmask_name(frame: Frame) -> str:
    """``bitmasks/<videoName>/<frame stem>.png``."""
    stem = frame['name'].rsplit('/', 1)[-1].rsplit('.', 1)[0]
    return f'bitmasks/{frame["videoName"]}/{stem}.png'


def write_bitmask_zip(path: str, frames: Iterable[Frame], classes: Sequence[str]) -> int:
    """Writes the seg_track submission: a zip of per-video bitmask folders (atomically).

    Args:
        path: the zip file.
        frames: prediction frames with ``videoName``, ``frameIndex``, ``size`` and
            non-overlapping RLE labels.
        classes: the class names.

    Returns:
        The number of bitmasks written.
    """
    count = 0
    with atomic_open(path, 'wb') as f, zipfile.ZipFile(f, 'w', zipfile.ZIP_STORED) as zf:
        for video_frames in group_by_video(frames).values():
            instance_ids: Dict[str, int] = {}
            for frame in video_frames:
                zf.writestr(bitmask_name(frame),
                            png_bytes(frame_bitmask(frame, classes, instance_ids)))
                count += 1
    return count
