"""Tracking a video (a folder of frames or a video file) with a BDD100K tracking model
(``bdd100k-zoo infer`` with a tracking config).

The tracks are written in the official format, converted by the config's own tracking metric (as
``tools/test.py`` writes its ``preds.json``): Scalabel frames with ``videoName``, ``name``,
``frameIndex`` and labels with integer-string track ids, ``category``, ``box2d``, ``score`` (and
``rle`` masks for a MOTS model). They are rendered as a GIF or MP4 in which every track keeps its
colour. Nothing is left half-written if a step fails.
"""
import contextlib
import os
import os.path as osp
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple

import cv2
import numpy as np
from PIL import Image

from ..export.atomic import atomic_open, temp_prefix, write_json
from ..export.visuals import draw_frame
from ..labels.frames import Frame

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp')
RENDER_FORMATS = ('gif', 'mp4')


@dataclass(frozen=True)
class TrackedVideo:
    """What :func:`track_video` wrote.

    Attributes:
        labels: the Scalabel JSON file of the tracks.
        rendering: the GIF or MP4 file.
        frames: the number of frames tracked.
        tracks: the number of distinct track ids.
    """

    labels: str
    rendering: str
    frames: int
    tracks: int


def open_video(source: str) -> Tuple[str, int, Iterator[Tuple[str, np.ndarray]]]:
    """The frames of a folder of images (in file-name order) or of a video file.

    Returns:
        The video name (folder or file stem), the number of frames, and an iterator of
        ``(frame name, BGR image)``; frames of a video file are named
        ``<video>-<7-digit 1-based index>.jpg`` as BDD100K names its frames.

    Raises:
        FileNotFoundError: ``source`` does not exist.
        ValueError: the folder holds no image, or the video cannot be read.
    """
    if osp.isdir(source):
        names = sorted(name for name in os.listdir(source)
                       if name.lower().endswith(IMAGE_EXTENSIONS))
        if not names:
            raise ValueError(f'{source}: folder holds no {"/".join(IMAGE_EXTENSIONS)} images')
        video = osp.basename(osp.normpath(source))
        return video, len(names), ((name, read_image(osp.join(source, name))) for name in names)
    if not osp.isfile(source):
        raise FileNotFoundError(f'no such folder of frames or video file: {source}')
    capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        raise ValueError(f'{source}: cannot open the video (not a video file, or no codec)')
    video = osp.splitext(osp.basename(source))[0]
    return video, int(capture.get(cv2.CAP_PROP_FRAME_COUNT)), video_frames(capture, video)


def read_image(path: str) -> np.ndarray:
    """A BGR image; raises ``ValueError`` naming an unreadable file."""
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError(f'{path}: cannot read the image')
    return image


def video_frames(capture: cv2.VideoCapture, video: str) -> Iterator[Tuple[str, np.ndarray]]:
    """The frames of an opened video capture (released at the end)."""
    try:
        index = 0
        while True:
            ok, image = capture.read()
            if not ok:
                return
            index += 1
            yield f'{video}-{index:07d}.jpg', image
    finally:
        capture.release()


def is_tracking_config(config: str, cfg_options: Optional[Dict[str, Any]] = None) -> bool:
    """Whether a config (path or zoo config name) is a tracking model's: its model has a tracker.

    Raises:
        FileNotFoundError: no such config.
    """
    from ..runtime.launch import load_config
    from ..zoo.configs import find_config
    return 'tracker' in load_config(find_config(config), cfg_options).get('model', {})


class TrackingModel:
    """A tracking config's model with its official metric, which converts its outputs to frames.

    Args:
        config: a tracking config (path or zoo config name).
        checkpoint: its weights (path, URL, ``bdd100k://`` URI or model name, loaded through the
            zoo's safe loader and checked against the model: missing or reshaped weights raise
            :class:`~bdd100k_zoo.inference.errors.CheckpointMismatchError`); None keeps the
            initial ones.
        device: the torch device.
        cfg_options: config overrides.
    """

    def __init__(self, config: str, checkpoint: Optional[str], device: str = 'cpu',
                 cfg_options: Optional[Dict[str, Any]] = None) -> None:
        from mmengine.registry import DefaultScope

        from ..inference.model import (build_model, dataset_meta, load_weights, model_config,
                                       official_metric, read_checkpoint)
        path, cfg = model_config(config, cfg_options)  # imports the track side (custom_imports)
        weights = read_checkpoint(checkpoint) if checkpoint is not None else {}
        self.model = build_model(cfg)
        self.scope = cfg.get('default_scope', 'mmdet')
        with DefaultScope.overwrite_default_scope(self.scope):
            if checkpoint is not None:
                load_weights(self.model, weights, checkpoint, path)
            self.meta = dataset_meta(cfg, weights, path)
            self.metric = official_metric(cfg, self.meta, path)
        self.model.cfg = cfg  # mmdet's inference_mot builds its test pipeline from it
        self.model.to(device).eval()

    def track(self, name: str, video: str, index: int, length: int, image: np.ndarray) -> Frame:
        """Tracks one frame (BGR) of a video, frames in order from index 0; its Scalabel frame."""
        from mmdet.apis import inference_mot
        from mmengine.registry import DefaultScope
        with DefaultScope.overwrite_default_scope(self.scope):
            sample = inference_mot(self.model, image, frame_id=index, video_len=length)[0]
        sample.set_metainfo(dict(name=name, video_name=video, frame_index=index))
        return self.metric.to_frame(sample)


class Rendering:
    """A GIF or MP4 written frame by frame, renamed onto its path only when complete.

    Args:
        path: the ``.gif`` or ``.mp4`` file.
        fps: frame rate.
    """

    def __init__(self, path: str, fps: float) -> None:
        self.path = path
        self.fps = fps
        self.gif = path.endswith('.gif')
        self.frames: List[Image.Image] = []
        self.writer: Optional[cv2.VideoWriter] = None
        folder = osp.dirname(osp.abspath(path))
        os.makedirs(folder, exist_ok=True)
        self.tmp = osp.join(folder, f'{temp_prefix(path)}tmp.mp4')

    def add(self, image: Image.Image) -> None:
        """Appends a frame (RGB)."""
        if self.gif:
            self.frames.append(image.convert('P', palette=Image.ADAPTIVE))
            return
        if self.writer is None:
            self.writer = cv2.VideoWriter(self.tmp, cv2.VideoWriter_fourcc(*'mp4v'), self.fps,
                                          image.size)
            if not self.writer.isOpened():
                raise RuntimeError(f'{self.path}: OpenCV cannot write MP4 (mp4v) here; render a '
                                   f'GIF')
        self.writer.write(np.asarray(image.convert('RGB'))[..., ::-1].copy())

    def close(self) -> None:
        """Writes the file (a looping GIF, or the finished MP4).

        Raises:
            ValueError: no frame was added.
        """
        if self.gif:
            if not self.frames:
                raise ValueError('no frames to render')
            with atomic_open(self.path, 'wb') as f:
                self.frames[0].save(f, format='GIF', save_all=True, append_images=self.frames[1:],
                                    duration=round(1000 / self.fps), loop=0)
            return
        if self.writer is None:
            raise ValueError('no frames to render')
        self.writer.release()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        """Removes what was written so far."""
        if self.writer is not None:
            self.writer.release()
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.tmp)


def track_video(config: str, checkpoint: Optional[str], frames_or_video: str, out_dir: str,
                render: str = 'gif', fps: float = 5.0, device: str = 'cpu',
                cfg_options: Optional[Dict[str, Any]] = None) -> TrackedVideo:
    """Tracks every frame of a video and writes the tracks and their rendering into ``out_dir``.

    Args:
        config: a tracking config (path or zoo config name), e.g. a QDTrack config of ``mot/``.
        checkpoint: its weights (path, URL or ``bdd100k://`` URI); None keeps the initial ones.
        frames_or_video: a folder of frames (file-name order) or a video file (cv2).
        out_dir: where ``<video>.json`` and ``<video>.gif`` (or ``.mp4``) are written.
        render: ``'gif'`` or ``'mp4'``.
        fps: frame rate of the rendering (BDD100K videos: 5).
        device: the torch device.
        cfg_options: config overrides, e.g. ``{'model.tracker.init_score_thr': 0.5}``.

    Returns:
        The files written and the counts.

    Raises:
        FileNotFoundError: no such config, checkpoint, folder or video file.
        ValueError: no frame to read, an unreadable frame, or an unknown ``render`` format.
    """
    if render not in RENDER_FORMATS:
        raise ValueError(f'render must be one of {RENDER_FORMATS}, got {render!r}')
    video, length, frames = open_video(frames_or_video)
    tracker = TrackingModel(config, checkpoint, device, cfg_options)
    classes, palette = tracker.meta['classes'], tracker.meta.get('palette') or [(255, 0, 0)]
    rendering = Rendering(osp.join(out_dir, f'{video}.{render}'), fps)
    results: List[Frame] = []
    try:
        for index, (name, image) in enumerate(frames):
            frame = tracker.track(name, video, index, length, image)
            results.append(frame)
            rendering.add(draw_frame(Image.fromarray(image[..., ::-1]), frame, classes, palette,
                                     color_by_track=True))
        rendering.close()
    except BaseException:
        rendering.discard()
        raise
    labels_path = osp.join(out_dir, f'{video}.json')
    write_json(labels_path, results)
    tracks = {label['id'] for frame in results for label in frame['labels']}
    return TrackedVideo(labels_path, rendering.path, len(results), len(tracks))
