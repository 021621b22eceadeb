"""Videos of a :class:`~bdd100k_zoo.labels.frame_table.FrameTable` as mmdet video data infos,
each built when asked for.

mmdet 3.3's video datasets keep a list of ``{video_id, video_name, video_length, images}`` dicts;
for box_track_20 train that is millions of instance dicts, copied by every dataloader worker. A
:class:`VideoRows` is the same sequence over the table's arrays: a video's dict (and its frames'
dicts) exists only while the video is being sampled.
"""
import bisect
from typing import Any, Callable, Dict, Iterator, Optional, Sequence, Union

import numpy as np

from ..labels.frame_table import FrameTable, StringTable

Row = Dict[str, Any]
#: Builds a frame's info (``(table, position, video name) -> dict``) without its ``img_id`` and
#: ``frame_id`` (a picklable function).
FrameRow = Callable[[FrameTable, int, str], Row]


class VideoRows(Sequence[Row]):
    """The videos of a table as a sequence of mmdet video data infos.

    Args:
        table: the frames.
        frame_row: builds the info of a frame.
        order: the table positions of the frames, video after video, each in frame order.
        offsets: video ``v`` is ``order[offsets[v]:offsets[v + 1]]`` (int64, V + 1).
        video_names: the name of each video (all of them, kept or not).
        videos: the videos in this sequence (their ``video_id``; default: all).
        img_ids: the ``img_id`` of each entry of ``order`` (default: its position).
        frame_ids: the ``frame_id`` of each entry of ``order`` (default: its position in its
            video).
    """

    def __init__(self, table: FrameTable, frame_row: FrameRow, order: np.ndarray,
                 offsets: np.ndarray, video_names: StringTable,
                 videos: Optional[np.ndarray] = None, img_ids: Optional[np.ndarray] = None,
                 frame_ids: Optional[np.ndarray] = None) -> None:
        self.table = table
        self.frame_row = frame_row
        self.order = order
        self.offsets = offsets
        self.video_names = video_names
        self.videos = np.arange(len(offsets) - 1) if videos is None else videos
        self.img_ids = np.arange(len(order)) if img_ids is None else img_ids
        if frame_ids is None:
            frame_ids = np.arange(len(order)) - np.repeat(offsets[:-1], np.diff(offsets))
        self.frame_ids = frame_ids

    def __len__(self) -> int:
        return len(self.videos)

    def __getitem__(self, index: Union[int, slice]) -> Any:  # type: ignore[override]
        if isinstance(index, slice):
            return self.take(np.arange(len(self))[index])
        index = range(len(self))[index]
        name = self.video_names[int(self.videos[index])]
        start, stop = int(self.offsets[index]), int(self.offsets[index + 1])
        images = [dict(self.frame_row(self.table, position, name), img_id=img_id,
                       frame_id=frame_id)
                  for position, img_id, frame_id in zip(
                      self.order[start:stop].tolist(), self.img_ids[start:stop].tolist(),
                      self.frame_ids[start:stop].tolist())]
        return dict(video_id=int(self.videos[index]), video_name=name,
                    video_length=len(images), images=images)

    def __iter__(self) -> Iterator[Row]:
        return (self[index] for index in range(len(self)))

    def video_length(self, index: int) -> int:
        """The number of frames of video ``index`` (without building it)."""
        return int(self.offsets[index + 1] - self.offsets[index])

    def select(self, keep: np.ndarray) -> 'VideoRows':
        """The frames where ``keep`` (bool, one per entry of ``order``) holds; videos left
        without frames are dropped."""
        video_of = np.repeat(np.arange(len(self)), np.diff(self.offsets))[keep]
        counts = np.bincount(video_of, minlength=len(self))
        offsets = np.concatenate(([0], np.cumsum(counts[counts > 0])))
        return VideoRows(self.table, self.frame_row, self.order[keep], offsets,
                         self.video_names, self.videos[counts > 0], self.img_ids[keep],
                         self.frame_ids[keep])

    def take(self, indices: Union[Sequence[int], np.ndarray]) -> 'VideoRows':
        """The videos at ``indices`` of this sequence."""
        indices = np.asarray(indices, dtype=np.int64)
        ranges = [np.arange(self.offsets[i], self.offsets[i + 1]) for i in indices]
        entries = np.concatenate(ranges) if ranges else np.zeros(0, dtype=np.int64)
        lengths = np.diff(self.offsets)[indices]
        return VideoRows(self.table, self.frame_row, self.order[entries],
                         np.concatenate(([0], np.cumsum(lengths))), self.video_names,
                         self.videos[indices], self.img_ids[entries], self.frame_ids[entries])


class ChainedVideos(Sequence[Row]):
    """The videos of several video sequences as one, ``video_id`` renumbered 0, 1, ...

    Args:
        parts: the video sequences (e.g. the ``data_list`` of each dataset).
    """

    def __init__(self, parts: Sequence[Sequence[Row]]) -> None:
        self.parts = list(parts)
        self.starts = np.cumsum([0] + [len(part) for part in self.parts]).tolist()

    def __len__(self) -> int:
        return self.starts[-1]

    def __getitem__(self, index: Union[int, slice]) -> Any:  # type: ignore[override]
        if isinstance(index, slice):
            return self.take(range(len(self))[index])
        index = range(len(self))[index]
        part = bisect.bisect_right(self.starts, index) - 1
        return dict(self.parts[part][index - self.starts[part]], video_id=index)

    def take(self, indices: Sequence[int]) -> 'ChainedVideos':
        """The videos at ``indices`` (built now: subsets of joint training sets are small)."""
        return ChainedVideos([[self[int(index)] for index in indices]])

    def __iter__(self) -> Iterator[Row]:
        return (self[index] for index in range(len(self)))

    def video_length(self, index: int) -> int:
        """The number of frames of video ``index``."""
        part = bisect.bisect_right(self.starts, index) - 1
        return video_length(self.parts[part], index - self.starts[part])


def video_length(videos: Sequence[Row], index: int) -> int:
    """The number of frames of video ``index`` of a video sequence (rows or a list of dicts)."""
    if isinstance(videos, (VideoRows, ChainedVideos)):
        return videos.video_length(index)
    return len(videos[index]['images'])
