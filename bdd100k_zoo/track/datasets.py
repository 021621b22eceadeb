"""BDD100K video datasets in mmdet 3.3's video format: box_track_20, seg_track_20, det_20 frames as
one-frame videos, and their concatenation for joint training.

A dataset is a list of videos ``{video_id, video_name, video_length, images}``; each image (frame, in
``frameIndex`` order) holds ``img_id``, ``img_path``, ``name``, ``video_name``, ``frame_index`` (the
label file's index), ``frame_id`` (its position in the video: 0 starts a video, where the tracker
resets), ``height``, ``width`` and ``instances`` (``bbox``, ``bbox_label``, ``ignore_flag``,
``instance_id`` >= 1 per video, ``label_id``, and ``mask`` for seg_track). That is what mmdet's
``TrackImgSampler``, ``UniformRefFrameSample``, ``LoadTrackAnnotations`` and ``PackTrackInputs`` take.
Categories are mapped and ignored as the official evaluation does (see
:mod:`bdd100k_zoo.labels.instances`); bad input raises :class:`~bdd100k_zoo.labels.LabelError`
naming the file, the video and the frame.
"""
import itertools
import os.path as osp
from typing import Any, Dict, List, Optional, Sequence, Union

import msgspec
from mmdet.datasets import BaseVideoDataset
from mmdet.registry import DATASETS
from mmengine.dataset import BaseDataset

from ..labels import LabelError
from ..labels.categories import DET_CLASSES, DET_PALETTE, TRACK_CLASSES
from ..labels.frames import Frame, check_unique_names, where
from ..labels.instances import frame_size
from ..labels.typed_json import DatasetFrame, decode_frames
from .instances import IdOf, LabelParser
from .videos import TrackIds, Video, bitmask_videos, read_videos

#: Image file extension of the frames the seg_track bitmasks (``<stem>.png``) belong to.
IMAGE_SUFFIX = '.jpg'


@DATASETS.register_module()
class BDD100KBoxTrackDataset(BaseVideoDataset):
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

    def load_data_list(self) -> List[Dict[str, Any]]:
        """Reads the label file(s) into videos of frame infos, checking every frame and label."""
        self._metainfo['ann_file'] = self.label_source()
        parser = LabelParser(self.metainfo['classes'], self.geometry, self.dropped)
        data_list: List[Dict[str, Any]] = []
        img_ids = itertools.count()
        for video_id, video in enumerate(self.read_videos()):
            id_of = self.track_ids()
            images = [self.frame_info(path, frame, video.name, frame_id, next(img_ids), parser,
                                      id_of)
                      for frame_id, (path, frame) in enumerate(video.frames)]
            data_list.append(dict(video_id=video_id, video_name=video.name,
                                  video_length=len(images), images=images))
        return data_list

    def label_source(self) -> str:
        """The official labels of the dataset (the metrics score against them)."""
        return self.ann_file

    def read_videos(self) -> List[Video]:
        """The videos of the label source, frames in ``frameIndex`` order."""
        return read_videos(self.ann_file)

    def track_ids(self) -> IdOf:
        """A fresh track id numbering for one video."""
        return TrackIds()

    def image_path(self, video_name: str, frame: Frame) -> str:
        """Where the frame's image lives."""
        return osp.join(self.data_prefix.get('img', ''), video_name, frame['name'])

    def frame_info(self, path: str, frame: Frame, video_name: str, frame_id: int, img_id: int,
                   parser: LabelParser, id_of: IdOf) -> Dict[str, Any]:
        """One frame -> an mmdet frame info with ``instances``."""
        img_path = self.image_path(video_name, frame)
        if self.check_images and not osp.isfile(img_path):
            raise LabelError(f'{where(path, frame)}: image file not found: {img_path}')
        height, width = frame_size(frame)
        return dict(img_id=img_id, img_path=img_path, name=frame['name'], video_name=video_name,
                    frame_index=frame.get('frameIndex', 0), frame_id=frame_id, height=height,
                    width=width,
                    instances=parser.frame_instances(path, frame, (height, width), id_of))

    def filter_data(self) -> List[Dict[str, Any]]:
        """Training: drops frames without a non-ignored instance (``filter_empty_gt``) or smaller
        than ``min_size``, then videos left without frames."""
        if self.test_mode or not self.filter_cfg:
            return self.data_list
        filter_empty_gt = self.filter_cfg.get('filter_empty_gt', False)
        min_size = self.filter_cfg.get('min_size', 0)
        videos = []
        for video in self.data_list:
            images = [info for info in video['images'] if min(info['width'], info['height'])
                      >= min_size and not (filter_empty_gt and is_empty(info))]
            if images:
                videos.append(dict(video, images=images, video_length=len(images)))
        return videos


def is_empty(info: Dict[str, Any]) -> bool:
    """Whether a frame info has no instance to learn from (frames whose labels are read later,
    from a bitmask, are not empty)."""
    return 'bitmask_path' not in info and all(inst['ignore_flag'] for inst in info['instances'])


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

    def read_videos(self) -> List[Video]:
        """RLE: the videos of the label files; bitmasks: one video per folder of PNGs."""
        if self.bitmask_folder is None:
            return super().read_videos()
        return bitmask_videos(self.bitmask_folder, IMAGE_SUFFIX)

    def frame_info(self, path: str, frame: Frame, video_name: str, frame_id: int, img_id: int,
                   parser: LabelParser, id_of: IdOf) -> Dict[str, Any]:
        """As for boxes; bitmask frames also carry ``bitmask_path`` (their labels)."""
        info = super().frame_info(path, frame, video_name, frame_id, img_id, parser, id_of)
        if self.bitmask_folder is not None:
            info['bitmask_path'] = path
        return info


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

    def read_videos(self) -> List[Video]:
        """Every frame of the det_20 file(s) as its own video (named after the image)."""
        frames = [(file, msgspec.to_builtins(frame))
                  for file, frame in decode_frames(self.ann_file, DatasetFrame)]
        check_unique_names([frame for _, frame in frames], self.ann_file)
        return [Video(osp.splitext(frame['name'])[0], [(file, frame)]) for file, frame in frames]

    def track_ids(self) -> IdOf:
        """Each box of an image is its own track: ids 1, 2, ... in label order."""
        counter = itertools.count(1)
        return lambda path, frame, label: next(counter)

    def image_path(self, video_name: str, frame: Frame) -> str:
        """Images are not in video folders."""
        return osp.join(self.data_prefix.get('img', ''), frame['name'])


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
class BDD100KConcatVideoDataset(BaseVideoDataset):
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

    def load_data_list(self) -> List[Dict[str, Any]]:
        """The (filtered) videos of every dataset, video ids renumbered."""
        videos = (d.get_data_info(i) for d in self.datasets for i in range(len(d)))
        return [dict(video, video_id=video_id) for video_id, video in enumerate(videos)]

    def filter_data(self) -> List[Dict[str, Any]]:
        """Each dataset has filtered its own videos."""
        return self.data_list
