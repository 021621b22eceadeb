"""Pairing prediction frames with ground-truth frames.

Images pair by file stem (``a.jpg`` in a label file, ``a.png`` as a mask file and ``a.jpg`` in a
prediction file are the same image), and by ``videoName`` as well when stems repeat across videos.
Videos pair by ``videoName`` and ``frameIndex``. As in the official evaluation, a ground-truth frame
without prediction is scored as an empty prediction, with a warning, and a ground-truth image that
appears twice is scored twice (with the same prediction frame). A prediction for a frame that is not
in the ground truth, a duplicated prediction frame, and (videos) a frame without index, a duplicated
index or a gap in a ground-truth video's indices raise :class:`~bdd100k_zoo.labels.LabelError`.
"""
import logging
import numbers
import os.path as osp
from typing import Dict, Hashable, List, Sequence, Tuple

from ..labels import LabelError
from ..labels.frames import Frame, where
from .inputs import Origin

logger = logging.getLogger(__name__)

#: A video: its name, its ground-truth frames and the paired prediction frames (by frame index).
Video = Tuple[str, List[Frame], List[Frame]]


def stem(name: str) -> str:
    """A frame name without its image extension (``a.jpg`` -> ``a``)."""
    return osp.splitext(name)[0]


class ImageKeys:
    """The key pairing a frame with its ground-truth frame.

    The stem of the name, or ``(videoName, stem)`` if stems repeat in the ground truth and every
    ground-truth frame has a video.
    """

    def __init__(self, gt_frames: Sequence[Frame]) -> None:
        stems = [stem(frame['name']) for frame in gt_frames]
        self.by_video = (len(set(stems)) != len(stems)
                         and all(frame.get('videoName') for frame in gt_frames))

    def __call__(self, frame: Frame) -> Hashable:
        key = stem(frame['name'])
        return (frame.get('videoName'), key) if self.by_video else key


def identity(frame: Frame) -> Dict:
    """The fields naming a frame (its name, and its video and index if any)."""
    return {key: frame[key] for key in ('name', 'videoName', 'frameIndex') if key in frame}


def warn_missing(missing: Sequence[Frame], total: int, unit: str = 'frames') -> None:
    """Logs the official warning for ground-truth frames (or videos) without predictions."""
    if missing:
        shown = ', '.join(repr(frame['name']) for frame in missing[:3])
        logger.warning('%d of %d ground-truth %s have no prediction and are scored as empty '
                       '(e.g. %s)', len(missing), total, unit, shown)


def index_frames(frames: Sequence[Frame], key, origin: Origin) -> Dict[Hashable, Frame]:
    """``{key: frame}``, refusing duplicated frames."""
    index: Dict[Hashable, Frame] = {}
    for frame in frames:
        frame_key = key(frame)
        if frame_key in index:
            raise LabelError(f'{where(origin(frame), frame)}: duplicated frame')
        index[frame_key] = frame
    return index


def refuse_unknown(extra: Sequence[Frame], origin: Origin, what: str) -> None:
    """Raises for prediction frames whose image (or video) is not in the ground truth."""
    if extra:
        more = f' (and {len(extra) - 1} more)' if len(extra) > 1 else ''
        raise LabelError(f'{where(origin(extra[0]), extra[0])}: prediction for a {what} that is '
                         f'not in the ground truth{more}')


def align_images(gt_frames: Sequence[Frame], pred_frames: Sequence[Frame], gt_origin: Origin,
                 pred_origin: Origin) -> List[Frame]:
    """The prediction frame of each ground-truth frame (same order; empty where missing).

    Paired prediction frames are copied with the ground-truth frame's name (and video), so
    scalabel, which pairs by exact name, pairs them too.
    """
    key = ImageKeys(gt_frames)
    gt_keys = {key(frame) for frame in gt_frames}
    pred_index = index_frames(pred_frames, key, pred_origin)
    refuse_unknown([frame for k, frame in pred_index.items() if k not in gt_keys], pred_origin,
                   'frame')
    if len(gt_keys) < len(gt_frames):
        logger.warning('%d ground-truth frames repeat an earlier frame; as in the official '
                       'evaluation, each is scored', len(gt_frames) - len(gt_keys))
    aligned, missing = [], []
    for gt_frame in gt_frames:
        pred = pred_index.get(key(gt_frame))
        if pred is None:
            missing.append(gt_frame)
            aligned.append(dict(identity(gt_frame), labels=[]))
        else:
            aligned.append(pred_origin.keep(pred, dict(pred, **identity(gt_frame))))
    warn_missing(missing, len(gt_frames))
    return aligned


def lookup_images(gt_frames: Sequence[Frame], frames: Sequence[Frame], origin: Origin,
                  what: str) -> List[Frame]:
    """The frame of ``frames`` for each ground-truth frame; frames of other images are unused.

    Raises:
        LabelError: a ground-truth frame has none (``what`` names the missing thing).
    """
    key = ImageKeys(gt_frames)
    index = index_frames(frames, key, origin)
    out = []
    for gt_frame in gt_frames:
        if key(gt_frame) not in index:
            raise LabelError(f'{origin.default}: no {what} for frame {gt_frame["name"]!r}')
        out.append(index[key(gt_frame)])
    return out


def video_position(frame: Frame, origin: Origin) -> Tuple[str, int]:
    """``(videoName, frameIndex)`` of a video frame, checked."""
    video, index = frame.get('videoName'), frame.get('frameIndex')
    if not isinstance(video, str) or not video:
        raise LabelError(f'{where(origin(frame), frame)}: a video frame needs a "videoName"')
    if isinstance(index, bool) or not isinstance(index, numbers.Integral) or index < 0:
        raise LabelError(f'{where(origin(frame), frame)}: a video frame needs an integer '
                         f'"frameIndex" >= 0, got {index!r}')
    return video, int(index)


def check_contiguous(video: str, frames: Dict[int, Frame], origin: Origin) -> None:
    """Refuses a ground-truth video whose frame indices have gaps."""
    indices = sorted(frames)
    gaps = sorted(set(range(indices[0], indices[-1] + 1)) - set(indices))
    if gaps:
        shown = ', '.join(str(i) for i in gaps[:5]) + (', ...' if len(gaps) > 5 else '')
        raise LabelError(f'{origin(frames[indices[0]])}: video {video!r} misses frame indices '
                         f'{shown}')


def align_videos(gt_frames: Sequence[Frame], pred_frames: Sequence[Frame], gt_origin: Origin,
                 pred_origin: Origin) -> List[Video]:
    """Ground-truth videos (sorted by name) with their prediction frames, frame by frame.

    Prediction frames missing for a ground-truth frame (or a whole video) are empty frames, with a
    warning (the official evaluation does so for whole videos).
    """
    videos: Dict[str, Dict[int, Frame]] = {}
    for frame in gt_frames:
        video, index = video_position(frame, gt_origin)
        if index in videos.setdefault(video, {}):
            raise LabelError(f'{where(gt_origin(frame), frame)}: duplicated frame index in video '
                             f'{video!r}')
        videos[video][index] = frame
    for video, frames in videos.items():
        check_contiguous(video, frames, gt_origin)
    preds: Dict[Tuple[str, int], Frame] = {}
    extra = []
    for frame in pred_frames:
        position = video_position(frame, pred_origin)
        if position in preds:
            raise LabelError(f'{where(pred_origin(frame), frame)}: duplicated frame index in '
                             f'video {position[0]!r}')
        if position[1] not in videos.get(position[0], {}):
            extra.append(frame)
        preds[position] = frame
    refuse_unknown(extra, pred_origin, 'video frame')
    out, missing_frames, missing_videos = [], [], []
    for video in sorted(videos):
        gt_video = [videos[video][index] for index in sorted(videos[video])]
        paired = []
        for gt_frame in gt_video:
            pred = preds.get((video, gt_frame['frameIndex']))
            if pred is None:
                missing_frames.append(gt_frame)
                paired.append(dict(identity(gt_frame), labels=[]))
            else:
                paired.append(pred_origin.keep(pred, dict(pred, **identity(gt_frame))))
        if all(preds.get((video, f['frameIndex'])) is None for f in gt_video):
            missing_videos.append({'name': video})
        out.append((video, gt_video, paired))
    warn_missing(missing_videos, len(videos), 'videos')
    warn_missing([f for f in missing_frames if f['videoName'] not in
                  {v['name'] for v in missing_videos}], len(gt_frames))
    return out
