"""Video label files: frames grouped into videos, checked and ordered, track ids as integers.

box_track_20 and seg_track_20 keep one Scalabel file per video in a folder (a single file holding
several videos works too). Every frame needs its ``videoName`` and an integer ``frameIndex``; a video
whose indices repeat or have gaps is refused, as the official evaluation refuses it. Errors name the
file, the video and the frame.
"""
import os
import os.path as osp
from typing import Any, Dict, List, NamedTuple, Sequence, Tuple

import numpy as np

from ..evaluation.inputs import Origin
from ..evaluation.matching import check_contiguous, video_position
from ..labels import LabelError
from ..labels.box_frames import MAX_FRAME_INDEX, TableFrame
from ..labels.frame_table import FrameTable, FrameTableBuilder
from ..labels.frames import Frame, Label, where
from ..labels.instances import frame_size

#: A frame with the file it was read from.
FileFrame = Tuple[str, Frame]


class Video(NamedTuple):
    """One video: its name and its frames (with their files) in ``frameIndex`` order."""

    name: str
    frames: List[FileFrame]


def check_video_frame(file: str, frame: TableFrame) -> None:
    """Checks a frame read for a video dataset has a ``videoName`` and an integer ``frameIndex``
    >= 0 (a table keeps indices up to :data:`~bdd100k_zoo.labels.box_frames.MAX_FRAME_INDEX`).

    Raises:
        LabelError: names the file and the frame.
    """
    fields = {'name': frame.name, 'videoName': frame.videoName, 'frameIndex': frame.frameIndex}
    _, index = video_position(fields, Origin(file))
    if index > MAX_FRAME_INDEX:
        raise LabelError(f'{where(file, fields)}: a video frame needs an integer "frameIndex" '
                         f'from 0 to {MAX_FRAME_INDEX}, got {index}')


def group_videos(table: FrameTable) -> Tuple[np.ndarray, np.ndarray]:
    """The frames of a table of video frames grouped into videos (sorted by name), each in
    ``frameIndex`` order.

    Returns:
        ``(order, offsets)``: the table positions of the frames of video ``v`` are
        ``order[offsets[v]:offsets[v + 1]]``.

    Raises:
        LabelError: a frame index repeated in a video, or missing from it (the official
            evaluation refuses both).
    """
    rank = np.empty(len(table.videos), dtype=np.int64)
    rank[sorted(range(len(table.videos)), key=lambda code: table.videos[code])] = np.arange(
        len(table.videos))
    videos, indices = rank[table.frame_videos], table.frame_indices
    order = np.lexsort((np.arange(len(table)), indices, videos))
    videos, indices = videos[order], indices[order]
    same = (videos[1:] == videos[:-1]) & (indices[1:] == indices[:-1])
    if same.any():
        first, second = (int(order[i]) for i in (np.argmax(same), np.argmax(same) + 1))
        raise LabelError(f'{where(table.file(second), table.frame(second))}: duplicated frame '
                         f'index {int(table.frame_indices[second])} in video '
                         f'{table.video(second)!r} (also {table.names[first]!r} in '
                         f'{table.file(first)})')
    offsets = np.flatnonzero(np.diff(videos, prepend=-1, append=-1)) if len(table) else np.zeros(
        1, dtype=np.int64)
    for start, stop in zip(offsets[:-1], offsets[1:]):
        if indices[stop - 1] - indices[start] + 1 != stop - start:
            frames = {int(table.frame_indices[position]): table.frame(int(position))
                      for position in order[start:stop]}
            check_contiguous(table.video(int(order[start])), frames,
                             Origin(table.file(int(order[start]))))
    return order, offsets


def bitmask_videos(folder: str, image_suffix: str = '.jpg') -> List[Video]:
    """The videos of a folder of per-video bitmask folders (``<video>/<stem>.png``).

    Frames stand for their PNG (the ``FileFrame`` path): ``name`` is ``<stem><image_suffix>`` and
    ``frameIndex`` the position in file-name order, as the official evaluation numbers them.

    Raises:
        FileNotFoundError: ``folder`` does not exist.
        LabelError: it holds no bitmask.
    """
    if not osp.isdir(folder):
        raise FileNotFoundError(f'bitmask folder not found: {folder}')
    videos = []
    for video in sorted(os.listdir(folder)):
        if not osp.isdir(osp.join(folder, video)):
            continue
        pngs = sorted(name for name in os.listdir(osp.join(folder, video)) if name.endswith('.png'))
        frames = [(osp.join(folder, video, png), {'name': osp.splitext(png)[0] + image_suffix,
                                                  'videoName': video, 'frameIndex': index})
                  for index, png in enumerate(pngs)]
        if frames:
            videos.append(Video(video, frames))
    if not videos:
        raise LabelError(f'{folder}: holds no <video>/<frame>.png bitmasks')
    return videos


def video_table(videos: Sequence[Video]) -> FrameTable:
    """The frames of ``videos`` (e.g. of :func:`bitmask_videos`) as a table without labels, each
    frame's file its own (its bitmask PNG)."""
    builder = FrameTableBuilder()
    for video in videos:
        for file, frame in video.frames:
            builder.add_frame(frame['name'], frame_size(frame), {}, file, video.name,
                              frame['frameIndex'])
    return builder.build()


def track_ids(table: FrameTable, order: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The integer track of each label of a table of videos (see :func:`group_videos`): the label
    ids of a video numbered 1, 2, ... by first appearance.

    mmdet's tracking heads pair key and reference instances by ``instance_id`` and only pair ids
    greater than 0, hence numbering from 1.

    Raises:
        LabelError: a label without ``id``, or two labels of a frame of the same track.
    """
    ids = np.zeros(len(table.classes), dtype=np.int32)
    for start, stop in zip(offsets[:-1], offsets[1:]):
        numbers: Dict[str, int] = {}
        for position in order[start:stop].tolist():
            labels = table.labels(position)
            tracks = table.label_ids.slice(labels.start, labels.stop)
            for label, track in enumerate(tracks, labels.start):
                if not track:
                    raise LabelError(f'{where(table.file(position), table.frame(position))}, '
                                     f'label id None: a video label needs an "id" (its track)')
                ids[label] = numbers.setdefault(track, len(numbers) + 1)
            if len(set(tracks)) < len(tracks):
                track = next(track for track in tracks if tracks.count(track) > 1)
                raise LabelError(f'{where(table.file(position), table.frame(position))}, '
                                 f'label id {track!r}: track id appears twice in the frame')
    return ids


def check_unique_tracks(path: str, frame: Frame, labels: Sequence[Label],
                        ids: Sequence[Any]) -> None:
    """Refuses a frame in which two labels belong to the same track."""
    seen = set()
    for label, track in zip(labels, ids):
        if track in seen:
            raise LabelError(f'{where(path, frame, label)}: track id appears twice in the frame')
        seen.add(track)
