"""Video label files: frames grouped into videos, checked and ordered, track ids as integers.

box_track_20 and seg_track_20 keep one Scalabel file per video in a folder (a single file holding
several videos works too). Every frame needs its ``videoName`` and an integer ``frameIndex``; a video
whose indices repeat or have gaps is refused, as the official evaluation refuses it. Errors name the
file, the video and the frame.
"""
import os
import os.path as osp
from typing import Any, Dict, List, NamedTuple, Sequence, Tuple

from ..evaluation.inputs import Origin
from ..evaluation.matching import check_contiguous, video_position
from ..labels import LabelError
from ..labels.frames import Frame, Label, frames_of, label_files, load_json, where

#: A frame with the file it was read from.
FileFrame = Tuple[str, Frame]


class Video(NamedTuple):
    """One video: its name and its frames (with their files) in ``frameIndex`` order."""

    name: str
    frames: List[FileFrame]


def read_videos(path: str) -> List[Video]:
    """The videos of a label file or of a folder of per-video label files, sorted by name.

    Raises:
        LabelError: malformed JSON, a frame without ``videoName`` or integer ``frameIndex`` >= 0,
            a duplicated or missing frame index in a video.
        FileNotFoundError: ``path`` does not exist.
    """
    by_video: Dict[str, Dict[int, FileFrame]] = {}
    origin = Origin(path)
    for file in label_files(path):
        for frame in frames_of(load_json(file), file):
            origin.files[id(frame)] = file
            video, index = video_position(frame, origin)
            frames = by_video.setdefault(video, {})
            if index in frames:
                raise LabelError(f'{where(file, frame)}: duplicated frame index {index} in video '
                                 f'{video!r} (also {frames[index][1]["name"]!r} in '
                                 f'{frames[index][0]})')
            frames[index] = (file, frame)
    videos = []
    for video in sorted(by_video):
        frames = by_video[video]
        check_contiguous(video, {index: frame for index, (_, frame) in frames.items()}, origin)
        videos.append(Video(video, [frames[index] for index in sorted(frames)]))
    return videos


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


class TrackIds:
    """Maps the string track ids of one video's labels to integers 1, 2, ... by first appearance.

    mmdet's tracking heads pair key and reference instances by ``instance_id`` and only pair ids
    greater than 0, hence numbering from 1.
    """

    def __init__(self) -> None:
        self._ids: Dict[str, int] = {}

    def __call__(self, path: str, frame: Frame, label: Label) -> int:
        """The integer id of a label's track.

        Raises:
            LabelError: the label has no ``id``.
        """
        track = label.get('id')
        if track is None or track == '':
            raise LabelError(f'{where(path, frame, label)}: a video label needs an "id" (its '
                             f'track)')
        return self._ids.setdefault(str(track), len(self._ids) + 1)


def check_unique_tracks(path: str, frame: Frame, labels: Sequence[Label],
                        ids: Sequence[Any]) -> None:
    """Refuses a frame in which two labels belong to the same track."""
    seen = set()
    for label, track in zip(labels, ids):
        if track in seen:
            raise LabelError(f'{where(path, frame, label)}: track id appears twice in the frame')
        seen.add(track)
