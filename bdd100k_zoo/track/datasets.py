"""BDD100K video datasets in mmdet 3.3's video format: box_track_20, seg_track_20, det_20 frames as
one-frame videos, and their concatenation for joint training.

A dataset is a sequence of videos ``{video_id, video_name, video_length, images}`` (rows of a
:class:`~bdd100k_zoo.labels.frame_table.FrameTable`, built when asked for: see
:mod:`bdd100k_zoo.track.video_rows`); each image (frame, in
``frameIndex`` order) holds ``img_id``, ``img_path``, ``name``, ``video_name``, ``frame_index`` (the
label file's index), ``frame_id`` (its position in the video: 0 starts a video, where the tracker
resets), ``height``, ``width`` and ``instances`` (``bbox``, ``bbox_label``, ``ignore_flag``,
``instance_id`` >= 1 per video, ``label_id``, and ``mask`` for seg_track). That is what mmdet's
``TrackImgSampler``, ``UniformRefFrameSample``, ``LoadTrackAnnotations`` and ``PackTrackInputs`` take.
Categories are mapped and ignored as the official evaluation does (see
:mod:`bdd100k_zoo.labels.instances`); bad input raises :class:`~bdd100k_zoo.labels.LabelError`
naming the file, the video and the frame.
"""
import os.path as osp
from functools import partial
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
from mmdet.datasets import BaseVideoDataset
from mmdet.registry import DATASETS
from mmengine.dataset import BaseDataset

from ..labels import LabelError
from ..labels.box_frames import read_box_table
from ..labels.categories import DET_CLASSES, DET_PALETTE, TRACK_CLASSES
from ..labels.frame_table import FrameTable, RowsDataset, StringTable
from ..labels.frames import where
from ..labels.mapping import CategoryMapper
from .video_rows import ChainedVideos, VideoRows, video_length
from .videos import (bitmask_videos, check_video_frame, group_videos, track_ids,
                     video_table)

#: Image file extension of the frames the seg_track bitmasks (``<stem>.png``) belong to.
IMAGE_SUFFIX = '.jpg'


@DATASETS.register_module()
class BDD100KBoxTrackDataset(RowsDataset, BaseVideoDataset):
    """BDD100K ``box_track_20`` videos (``labels/box_track_20/{train,val}/<video>.json``).

    Frames are read from a folder of per-video Scalabel files (or one file holding several videos),
    grouped by ``videoName`` and ordered by ``frameIndex``; a video with a repeated or missing
    frame index is refused. Track ids (label ``id`` strings) become integers 1, 2, ... per video.
    Images are ``<data_prefix['img']>/<videoName>/<name>``. The dataset puts its ``ann_file`` in
    its metainfo: the tracking metrics score against it.

    Args:
        check_images: check at init that every image file exists (fails fast, naming the frame).
        **kwargs: as :class:`mmengine.dataset.BaseDataset` (``ann_file``, ``data_root``,
            ``data_prefix=dict(img='images/track/train/')``, ``filter_cfg``, ``pipeline``,
            ``test_mode``, ...). ``filter_cfg=dict(filter_empty_gt=True, min_size=32)`` drops
            frames without a non-ignored instance or smaller than ``min_size`` when training.
    """

    METAINFO = {'classes': TRACK_CLASSES, 'palette': list(DET_PALETTE[:len(TRACK_CLASSES)])}
    #: The label field that makes a label an instance of this dataset.
    geometry = 'box2d'
    #: Categories valid in the label files but not part of the task (left out).
    dropped: Sequence[str] = ()

    def __init__(self, *args: Any, check_images: bool = True, **kwargs: Any) -> None:
        self.check_images = check_images
        super().__init__(*args, **kwargs)

    def load_data_list(self) -> VideoRows:
        """Reads the label file(s) into a table of frames, checking every frame and label (and
        image), grouped into videos.

        Returns:
            the videos as data infos built when asked for (see
            :class:`~bdd100k_zoo.track.video_rows.VideoRows`).
        """
        self._metainfo['ann_file'] = self.label_source()
        table = self.read_table()
        order, offsets, names = self.group(table)
        img_prefix = self.data_prefix.get('img', '')
        if self.check_images:
            for video in range(len(offsets) - 1):
                for position in order[offsets[video]:offsets[video + 1]].tolist():
                    img_path = self.image_path(img_prefix, names[video], table.names[position])
                    if not osp.isfile(img_path):
                        raise LabelError(f'{where(table.file(position), table.frame(position))}: '
                                         f'image file not found: {img_path}')
        instance_ids = self.instance_ids(table, order, offsets)
        return VideoRows(table, partial(track_frame_info, instance_ids=instance_ids,
                                        image_path=partial(self.image_path, img_prefix),
                                        bitmasks=self.labels_read_later),
                         order, offsets, StringTable.from_strings(names))

    def label_source(self) -> str:
        """The official labels of the dataset (the metrics score against them)."""
        return self.ann_file

    def read_table(self) -> FrameTable:
        """The frames and labels of the label source."""
        return read_box_table(self.ann_file, CategoryMapper(self.metainfo['classes']),
                              self.geometry, self.dropped, unique_names=False,
                              check_frame=check_video_frame)

    def group(self, table: FrameTable) -> Tuple[np.ndarray, np.ndarray, List[str]]:
        """The table's frames grouped into videos: ``(order, offsets, video names)`` (see
        :func:`~bdd100k_zoo.track.videos.group_videos`)."""
        order, offsets = group_videos(table)
        return order, offsets, [table.video(int(order[start])) for start in offsets[:-1]]

    def instance_ids(self, table: FrameTable, order: np.ndarray,
                     offsets: np.ndarray) -> np.ndarray:
        """The ``instance_id`` of each label: its track's number in its video."""
        return track_ids(table, order, offsets)

    @staticmethod
    def image_path(img_prefix: str, video_name: str, name: str) -> str:
        """Where a frame's image lives."""
        return osp.join(img_prefix, video_name, name)

    def filter_data(self) -> VideoRows:
        """Training: drops frames without a non-ignored instance (``filter_empty_gt``) or smaller
        than ``min_size``, then videos left without frames."""
        if self.test_mode or not self.filter_cfg:
            return self.data_list
        rows = self.data_list
        table = rows.table
        keep = table.sizes[rows.order].min(axis=1) >= self.filter_cfg.get('min_size', 0)
        if self.filter_cfg.get('filter_empty_gt', False) and not self.labels_read_later:
            frame_of_label = np.repeat(np.arange(len(table)), np.diff(table.offsets))
            targets = np.bincount(frame_of_label[~table.ignored], minlength=len(table))
            keep &= targets[rows.order] > 0
        return rows.select(keep)

    @property
    def labels_read_later(self) -> bool:
        """Whether the labels are read when a frame is loaded (from bitmasks), not at init."""
        return False

    def get_len_per_video(self, idx: int) -> int:
        """The number of frames of video ``idx`` (without building its data info)."""
        return video_length(self.data_list, idx)


def track_frame_info(table: FrameTable, position: int, video_name: str, instance_ids: np.ndarray,
                     image_path: Callable[[str, str], str], bitmasks: bool) -> Dict[str, Any]:
    """The mmdet frame info of the frame at ``position`` of ``table`` in video ``video_name``
    (without ``img_id`` and ``frame_id``): instances with their ``instance_id`` and raw
    ``label_id`` (and ``mask`` if the table keeps masks); frames of ``bitmasks`` carry their
    ``bitmask_path`` (their file)."""
    labels = table.labels(position)
    height, width = table.sizes[position].tolist()
    instances = [dict(bbox=bbox, bbox_label=label, ignore_flag=int(ignored), instance_id=track,
                      label_id=label_id)
                 for bbox, label, ignored, track, label_id in zip(
                     table.boxes[labels].tolist(), table.classes[labels].tolist(),
                     table.ignored[labels].tolist(), instance_ids[labels].tolist(),
                     table.label_ids.slice(labels.start, labels.stop))]
    if table.masks is not None:
        for index, instance in zip(range(labels.start, labels.stop), instances):
            instance['mask'] = table.mask(index, position)
    name = table.names[position]
    info = dict(img_path=image_path(video_name, name), name=name, video_name=video_name,
                frame_index=max(int(table.frame_indices[position]), 0), height=height,
                width=width, instances=instances)
    if bitmasks:
        info['bitmask_path'] = table.file(position)
    return info


@DATASETS.register_module()
class BDD100KSegTrackDataset(BDD100KBoxTrackDataset):
    """BDD100K ``seg_track_20`` videos, from the RLE label files or the bitmask PNGs.

    Two sources of the same official labels:

    - RLE (``ann_file='labels/seg_track_20/rles/train/'``, a folder of per-video files): instances
      (class, RLE mask of the frame's size, box of its pixels, crowd/ignored flags, track id) are
      read and checked at init, as for :class:`BDD100KBoxTrackDataset`.
    - bitmasks (``ann_file=''``, ``data_prefix=dict(img=..., seg='labels/seg_track_20/bitmasks/
      train/')``): init lists ``<video>/<stem>.png`` (frames in file-name order, frame index =
      position, image ``<stem>.jpg``); :class:`~bdd100k_zoo.track.transforms.
      BDD100KLoadTrackAnnotations` decodes each PNG when the frame is loaded (instance id = the
      bitmask's, consistent along the video). ``filter_empty_gt`` keeps every frame.

    Use :class:`~bdd100k_zoo.track.transforms.BDD100KLoadTrackAnnotations` (``with_mask=True``)
    in the pipeline for both sources.

    Args:
        **kwargs: as :class:`BDD100KBoxTrackDataset`.
    """

    geometry = 'rle'

    @property
    def bitmask_folder(self) -> Optional[str]:
        """The bitmask folder when the labels come from bitmasks (no ``ann_file``)."""
        return None if self.ann_file else self.data_prefix.get('seg')

    def label_source(self) -> str:
        """The RLE label file(s), or the bitmask folder."""
        if self.ann_file:
            return self.ann_file
        if not self.bitmask_folder:
            raise ValueError('BDD100KSegTrackDataset needs an ann_file (RLE labels) or '
                             'data_prefix["seg"] (a folder of per-video bitmask folders)')
        return self.bitmask_folder

    def read_table(self) -> FrameTable:
        """RLE: the frames of the label files; bitmasks: one video per folder of PNGs."""
        if self.bitmask_folder is None:
            return super().read_table()
        return video_table(bitmask_videos(self.bitmask_folder, IMAGE_SUFFIX))

    @property
    def labels_read_later(self) -> bool:
        """Whether the labels come from bitmasks (read when a frame is loaded)."""
        return self.bitmask_folder is not None


@DATASETS.register_module()
class BDD100KDetVideoDataset(BDD100KBoxTrackDataset):
    """BDD100K ``det_20`` images as one-frame videos, with the 8 tracking classes.

    The published QDTrack model trains on box_track_20 videos and det_20 images together; an
    image is a video of one frame, so its reference frame is itself and each box is its own track.
    Boxes of traffic lights and signs (det classes outside the tracking classes) are left out;
    categories are otherwise mapped and ignored as for the videos. Images are
    ``<data_prefix['img']>/<name>``. Combine with :class:`BDD100KConcatVideoDataset`.

    Args:
        **kwargs: as :class:`BDD100KBoxTrackDataset` (``ann_file='labels/det_20/det_train.json'``,
            ``data_prefix=dict(img='images/100k/train/')``).
    """

    dropped = tuple(name for name in DET_CLASSES if name not in TRACK_CLASSES)

    def read_table(self) -> FrameTable:
        """The frames of the det_20 file(s)."""
        return read_box_table(self.ann_file, CategoryMapper(self.metainfo['classes']),
                              self.geometry, self.dropped)

    def group(self, table: FrameTable) -> Tuple[np.ndarray, np.ndarray, List[str]]:
        """Every frame as its own video (named after the image), in file order."""
        return (np.arange(len(table)), np.arange(len(table) + 1),
                [osp.splitext(table.names[index])[0] for index in range(len(table))])

    def instance_ids(self, table: FrameTable, order: np.ndarray,
                     offsets: np.ndarray) -> np.ndarray:
        """Each box of an image is its own track: ids 1, 2, ... in label order."""
        counts = np.diff(table.offsets)
        return (np.arange(table.offsets[-1]) - np.repeat(table.offsets[:-1], counts) + 1).astype(
            np.int32)

    @staticmethod
    def image_path(img_prefix: str, video_name: str, name: str) -> str:
        """Images are not in video folders."""
        return osp.join(img_prefix, name)


@DATASETS.register_module()
class BDD100KInsSegVideoDataset(BDD100KDetVideoDataset):
    """BDD100K ``ins_seg`` images (RLE labels) as one-frame videos, for joint seg_track training.

    As :class:`BDD100KDetVideoDataset` with masks: each RLE label is an instance with its mask and
    the box of its pixels (``ann_file='labels/ins_seg/rles/ins_seg_train.json'``,
    ``data_prefix=dict(img='images/10k/train/')``).
    """

    geometry = 'rle'
    dropped = ()


@DATASETS.register_module()
class BDD100KConcatVideoDataset(RowsDataset, BaseVideoDataset):
    """The videos of several video datasets as one video dataset (joint training).

    mmengine's ``ConcatDataset`` does not work with mmdet 3.3's ``TrackImgSampler``: the sampler
    yields ``(video, frame)`` indices local to each concatenated dataset, with no offset, which
    ``ConcatDataset`` can neither place nor compare. This dataset instead holds the videos of all
    its datasets (with the first one's classes, which all must share) and runs its own pipeline
    on them, so the sampler treats it as one video dataset.

    Args:
        datasets: configs (or built instances) of video datasets with the same classes, e.g. a
            :class:`BDD100KBoxTrackDataset` and a :class:`BDD100KDetVideoDataset`; their own
            pipelines are not used.
        pipeline: the pipeline of every video.
        test_mode: must be False (evaluation takes one dataset).
        **kwargs: as :class:`mmengine.dataset.BaseDataset` (``lazy_init``, ``max_refetch``).
    """

    def __init__(self, datasets: Sequence[Union[dict, BaseDataset]], pipeline: Sequence = (),
                 test_mode: bool = False, **kwargs: Any) -> None:
        if test_mode:
            raise ValueError('BDD100KConcatVideoDataset is for training: evaluate on one dataset')
        if not datasets:
            raise ValueError('BDD100KConcatVideoDataset needs at least one dataset')
        self.datasets = [DATASETS.build(d) if isinstance(d, dict) else d for d in datasets]
        classes = [tuple(d.metainfo['classes']) for d in self.datasets]
        if len(set(classes)) > 1:
            raise ValueError(f'concatenated datasets must share their classes, got {classes}')
        metainfo = {key: value for key, value in self.datasets[0].metainfo.items()
                    if key != 'ann_file'}
        super().__init__(metainfo=metainfo, pipeline=list(pipeline), test_mode=False, **kwargs)

    def load_data_list(self) -> ChainedVideos:
        """The (filtered) videos of every dataset, video ids renumbered (built when asked for)."""
        return ChainedVideos([d.data_list for d in self.datasets])

    def filter_data(self) -> ChainedVideos:
        """Each dataset has filtered its own videos."""
        return self.data_list

    def get_len_per_video(self, idx: int) -> int:
        """The number of frames of video ``idx`` (without building its data info)."""
        return video_length(self.data_list, idx)
