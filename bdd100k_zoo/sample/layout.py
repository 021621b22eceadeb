"""Paths of the official BDD100K layout, relative to the dataset root.

Images are ``<stem>.jpg``; masks and bitmasks are ``<stem>.png`` in the matching label folder; video
frames are ``<video>/<video>-<7-digit 1-based index>.jpg``.
"""
import posixpath


def frame_stem(video: str, frame_index: int) -> str:
    """The stem of a video frame: ``<video>-0000001`` for ``frame_index`` 0."""
    return f'{video}-{frame_index + 1:07d}'


def image_100k(split: str, stem: str) -> str:
    """A 100K image (det_20, drivable, pose_21, tagging)."""
    return posixpath.join('images', '100k', split, f'{stem}.jpg')


def image_10k(split: str, stem: str) -> str:
    """A 10K image (ins_seg, sem_seg, pan_seg)."""
    return posixpath.join('images', '10k', split, f'{stem}.jpg')


def track_image(split: str, video: str, frame_index: int) -> str:
    """A frame of a box_track_20 video."""
    return posixpath.join('images', 'track', split, video, f'{frame_stem(video, frame_index)}.jpg')


def seg_track_image(split: str, video: str, frame_index: int) -> str:
    """A frame of a seg_track_20 video."""
    return posixpath.join('images', 'seg_track_20', split, video,
                          f'{frame_stem(video, frame_index)}.jpg')


def det_labels(split: str) -> str:
    """The det_20 label file of a split."""
    return posixpath.join('labels', 'det_20', f'det_{split}.json')


def pose_labels(split: str) -> str:
    """The pose_21 label file of a split."""
    return posixpath.join('labels', 'pose_21', f'pose_{split}.json')


def drivable_mask(split: str, stem: str, colormap: bool = False) -> str:
    """A drivable class mask (or its colour map) PNG."""
    kind = 'colormaps' if colormap else 'masks'
    return posixpath.join('labels', 'drivable', kind, split, f'{stem}.png')


def drivable_rles(split: str) -> str:
    """The drivable RLE label file of a split."""
    return posixpath.join('labels', 'drivable', 'rles', f'drivable_{split}.json')


def sem_seg_mask(split: str, stem: str, colormap: bool = False) -> str:
    """A sem_seg class mask (or its colour map) PNG."""
    kind = 'colormaps' if colormap else 'masks'
    return posixpath.join('labels', 'sem_seg', kind, split, f'{stem}.png')


def sem_seg_rles(split: str) -> str:
    """The sem_seg RLE label file of a split."""
    return posixpath.join('labels', 'sem_seg', 'rles', f'sem_seg_{split}.json')


def ins_seg_bitmask(split: str, stem: str) -> str:
    """An ins_seg bitmask PNG."""
    return posixpath.join('labels', 'ins_seg', 'bitmasks', split, f'{stem}.png')


def ins_seg_rles(split: str) -> str:
    """The ins_seg RLE label file of a split."""
    return posixpath.join('labels', 'ins_seg', 'rles', f'ins_seg_{split}.json')


def box_track_labels(split: str, video: str) -> str:
    """The box_track_20 label file of a video."""
    return posixpath.join('labels', 'box_track_20', split, f'{video}.json')


def seg_track_bitmask(split: str, video: str, frame_index: int) -> str:
    """A seg_track_20 bitmask PNG of one video frame."""
    return posixpath.join('labels', 'seg_track_20', 'bitmasks', split, video,
                          f'{frame_stem(video, frame_index)}.png')


def seg_track_rles(split: str, video: str) -> str:
    """The seg_track_20 RLE label file of a video."""
    return posixpath.join('labels', 'seg_track_20', 'rles', split, f'{video}.json')


def seg_track_polygons(split: str, video: str) -> str:
    """The seg_track_20 polygon label file of a video."""
    return posixpath.join('labels', 'seg_track_20', 'polygons', split, f'{video}.json')


def polygons(task: str, split: str) -> str:
    """The polygon label file of an image task's split (ins_seg, sem_seg, drivable, pan_seg)."""
    return posixpath.join('labels', task, 'polygons', f'{task}_{split}.json')


def pan_seg_bitmask(split: str, stem: str) -> str:
    """A pan_seg bitmask PNG."""
    return posixpath.join('labels', 'pan_seg', 'bitmasks', split, f'{stem}.png')
