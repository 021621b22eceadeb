"""The official BDD100K MOT (box_track) and MOTS (seg_track) metrics in mmdet's evaluator.

Each tracked frame becomes a Scalabel prediction frame (``videoName``, ``name``, ``frameIndex`` and
labels with integer-string track ids); :class:`~bdd100k_zoo.runtime.official_metric.
BDD100KOfficialMetric` scores them through :func:`bdd100k_zoo.evaluation.evaluate` against the
dataset's label folder (the same numbers as ``bdd100k-zoo eval``) and writes ``scores.json``,
``preds.json`` and ``visuals.zip`` (coloured by track). Results are collected as mmdet's video
metrics collect them (a video is one dataset item, but tested frame by frame).
"""
import os
import os.path as osp
import shutil
import tempfile
import weakref
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
from mmdet.evaluation.metrics.base_video_metric import BaseVideoMetric
from mmdet.registry import METRICS
from mmdet.structures import DetDataSample
from mmengine.logging import print_log

from ..evaluation.bitmasks import bitmask_frame
from ..export.atomic import write_json
from ..export.predictions import box_labels
from ..labels.frames import Frame
from ..labels.instances import paint_instances
from ..labels.masks import instance_rles
from ..runtime.official_metric import BDD100KOfficialMetric
from .datasets import IMAGE_SUFFIX
from .submission import write_bitmask_zip, write_video_json_zip
from .videos import bitmask_videos

#: The frame meta keys the test pipeline must pack (``PackTrackInputs(meta_keys=...)``).
FRAME_META_KEYS = ('name', 'video_name', 'frame_index')

Results = List[Tuple[Frame, Optional[str]]]


class BDD100KVideoMetric(BaseVideoMetric, BDD100KOfficialMetric):
    """Base of the tracking metrics: one prediction frame per tracked frame.

    Args:
        submission: write the server submission zip into ``output_dir`` too.
        **kwargs: as :class:`~bdd100k_zoo.runtime.official_metric.BDD100KOfficialMetric`
            (``ann_file``, ``output_dir``, ``max_visuals``, ``nproc``, ...).
    """

    color_by_track = True

    def __init__(self, *args: Any, submission: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submission = submission

    def process_video(self, data_samples: List[DetDataSample]) -> None:
        """Converts the tracked frames of a video (or of a part of it) to prediction frames."""
        for sample in data_samples:
            self.results.append((self.to_frame(sample), sample.get('img_path')))

    def process_image(self, data_samples: List[DetDataSample], ori_video_len: int) -> None:
        """Frame-by-frame testing: the same as a whole video."""
        self.process_video(data_samples)

    @staticmethod
    def frame_fields(sample: DetDataSample) -> Frame:
        """``name``, ``videoName`` and ``frameIndex`` of a tracked frame.

        Raises:
            KeyError: the test pipeline did not pack the frame's identity.
        """
        missing = [key for key in FRAME_META_KEYS if key not in sample]
        if missing:
            raise KeyError(f'tracked frame {sample.get("img_path")!r} lacks {missing}: pack them '
                           f'with PackTrackInputs(meta_keys={FRAME_META_KEYS})')
        return {'name': sample.name, 'videoName': sample.video_name,
                'frameIndex': int(sample.frame_index)}

    def write_outputs(self, report: Dict[str, Any], results: Results) -> None:
        """The base class's files, plus the submission zip."""
        super().write_outputs(report, results)
        if self.submission:
            name, count = self.write_submission([frame for frame, _ in results])
            print_log(f'wrote the submission ({count} files) to {self.output_dir}/{name}',
                      logger='current')

    def write_submission(self, frames: List[Frame]) -> Tuple[str, int]:
        """Writes the server submission into ``output_dir``; returns its name and file count."""
        raise NotImplementedError


@METRICS.register_module()
class BDD100KBoxTrackMetric(BDD100KVideoMetric):
    """Official BDD100K MOT scores (mMOTA, mIDF1, mMOTP, IDSw, FP, FN, ... per class and
    super-category) of ``pred_track_instances``.

    With ``output_dir``, also writes ``submission.zip``: one Scalabel ``<videoName>.json`` per
    video, as the BDD100K MOT server takes it.
    """

    task = 'box_track'

    def to_frame(self, sample: DetDataSample) -> Frame:
        pred = sample.pred_track_instances
        return dict(self.frame_fields(sample), labels=box_labels(
            pred.bboxes.cpu().numpy(), pred.scores.cpu().numpy(), pred.labels.cpu().numpy(),
            self.dataset_meta['classes'], track_ids=pred.instances_id.cpu().numpy()))

    def write_submission(self, frames: List[Frame]) -> Tuple[str, int]:
        return 'submission.zip', write_video_json_zip(
            osp.join(self.output_dir, 'submission.zip'), frames)


@METRICS.register_module()
class BDD100KSegTrackMetric(BDD100KVideoMetric):
    """Official BDD100K MOTS scores (the MOT metrics on mask IoU) of ``pred_track_instances``
    with ``masks``.

    Masks are made non-overlapping first (a higher score wins a pixel; tracks left without pixels
    are dropped), since the official evaluation drops every prediction of a frame whose masks
    overlap. ``preds.json`` holds RLE masks; with ``output_dir``, ``bitmasks.zip`` is the bitmask
    submission the BDD100K MOTS server takes (see :mod:`bdd100k_zoo.track.submission`). The
    ground truth is the dataset's RLE label folder or its bitmask folder (read once into RLE
    frames).
    """

    task = 'seg_track'

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._converted: Dict[str, str] = {}

    def to_frame(self, sample: DetDataSample) -> Frame:
        pred = sample.pred_track_instances
        height, width = sample.ori_shape[:2]
        masks = pred.masks.cpu().numpy().reshape(-1, height, width)
        scores = pred.scores.cpu().numpy()
        rles = instance_rles(paint_instances(masks, scores))
        kept = np.array(sorted(number - 1 for number in rles), dtype=np.int64)
        labels = box_labels(pred.bboxes.cpu().numpy()[kept], scores[kept],
                            pred.labels.cpu().numpy()[kept], self.dataset_meta['classes'],
                            track_ids=pred.instances_id.cpu().numpy()[kept])
        for label, index in zip(labels, kept):
            label['rle'] = rles[int(index) + 1]
        return dict(self.frame_fields(sample), size={'height': height, 'width': width},
                    labels=labels)

    def label_file(self) -> str:
        """The RLE label folder; a folder of per-video bitmask folders is converted once."""
        path = super().label_file()
        if not osp.isdir(path) or any(name.endswith('.json') for name in os.listdir(path)):
            return path
        if path not in self._converted:
            folder = tempfile.mkdtemp(prefix='bdd100k_seg_track_gt_')
            weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            self._converted[path] = osp.join(folder, 'seg_track_gt.json')
            write_json(self._converted[path], bitmask_gt_frames(path, self.dataset_meta['classes']))
        return self._converted[path]

    def write_submission(self, frames: List[Frame]) -> Tuple[str, int]:
        return 'bitmasks.zip', write_bitmask_zip(osp.join(self.output_dir, 'bitmasks.zip'),
                                                 frames, self.dataset_meta['classes'])


def bitmask_gt_frames(folder: str, classes: List[str]) -> List[Frame]:
    """The ground-truth frames of a folder of per-video bitmask folders, numbered as
    :class:`~bdd100k_zoo.track.datasets.BDD100KSegTrackDataset` numbers them."""
    return [bitmask_frame(classes, (png, fields)) for video in bitmask_videos(folder, IMAGE_SUFFIX)
            for png, fields in video.frames]
