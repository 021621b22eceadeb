"""The video parts of the sample: box_track_20 (MOT) and seg_track_20 (MOTS).

A video is one shot rendered at :data:`shots.FPS`: the ego vehicle drives on, actors move smoothly,
enter and leave the view and hide each other; every actor keeps its track id (the label ``id``, and
for seg_track the bitmask instance id) for the whole video.
"""
from typing import Dict, Iterator, List, Sequence, Tuple

from ..labels.categories import TRACK_CLASSES
from . import layout
from .annotate import IGNORED_CATEGORIES, box_labels, instance_labels, rle_regions
from ..labels.polygons import polygon_labels
from .randomness import NameMaker, make_rng
from .render import RenderedFrame
from .shots import FPS, shoot
from .writer import SampleWriter

#: Categories labelled in box_track_20 (the 8 classes and the official ignored ones).
BOX_TRACK_CATEGORIES = TRACK_CLASSES + IGNORED_CATEGORIES

Counts = Dict[str, Dict[str, int]]


def _frames(seed: int, task: str, split: str, index: int, frames: int, categories: Sequence[str],
            allow_ignored: bool) -> Iterator[Tuple[int, RenderedFrame]]:
    """The rendered frames of the ``index``-th video of a task split."""
    rng = make_rng(seed, task, split, index)
    take = shoot(rng, index, categories, (frames - 1) / FPS, allow_ignored)
    for frame_index in range(frames):
        yield frame_index, take.frame(frame_index / FPS, rng)


def _frame_entry(video: str, frame_index: int, labels: List[dict]) -> dict:
    """The Scalabel frame of a video frame."""
    return {'name': f'{layout.frame_stem(video, frame_index)}.jpg', 'videoName': video,
            'frameIndex': frame_index, 'labels': labels}


def write_box_track_split(writer: SampleWriter, seed: int, split: str, videos: int,
                          frames: int) -> Counts:
    """Writes ``videos`` box_track_20 videos of ``frames`` frames each."""
    names = NameMaker(make_rng(seed, 'box_track', split, 'names'))
    labels = 0
    for index in range(videos):
        video = names()
        entries = []
        for frame_index, frame in _frames(seed, 'box_track', split, index, frames,
                                          BOX_TRACK_CATEGORIES, True):
            writer.jpeg(layout.track_image(split, video, frame_index), frame.image)
            frame_labels = box_labels(frame, BOX_TRACK_CATEGORIES, with_light_color=False)
            entries.append(_frame_entry(video, frame_index, frame_labels))
        writer.json(layout.box_track_labels(split, video), entries)
        labels += sum(len(entry['labels']) for entry in entries)
    return {'box_track_20': {'videos': videos, 'frames': videos * frames, 'labels': labels}}


def write_seg_track_split(writer: SampleWriter, seed: int, split: str, videos: int,
                          frames: int) -> Counts:
    """Writes ``videos`` seg_track_20 videos of ``frames`` frames each (bitmasks, RLEs and
    polygons)."""
    names = NameMaker(make_rng(seed, 'seg_track', split, 'names'))
    labels = 0
    for index in range(videos):
        video = names()
        entries = []
        polygon_entries = []
        for frame_index, frame in _frames(seed, 'seg_track', split, index, frames, TRACK_CLASSES,
                                          False):
            writer.jpeg(layout.seg_track_image(split, video, frame_index), frame.image)
            frame_labels, bitmask = instance_labels(frame, TRACK_CLASSES,
                                                    lambda record, order: record.actor.track_id)
            writer.png(layout.seg_track_bitmask(split, video, frame_index), bitmask)
            entries.append(_frame_entry(video, frame_index, frame_labels))
            polygon_entries.append(
                _frame_entry(video, frame_index, polygon_labels(rle_regions(frame_labels))))
        writer.json(layout.seg_track_rles(split, video), entries)
        writer.json(layout.seg_track_polygons(split, video), polygon_entries)
        labels += sum(len(entry['labels']) for entry in entries)
    return {'seg_track_20': {'videos': videos, 'frames': videos * frames, 'labels': labels}}
