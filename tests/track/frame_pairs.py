"""What the QDTrack and PCAN tests share: a model built from a track config, and a training batch of
two samples, each a key frame and its reference frame."""
import os.path as osp

import numpy as np
import torch
from mmdet.registry import MODELS
from mmdet.structures import DetDataSample, TrackDataSample
from mmdet.structures.mask import BitmapMasks
from mmengine.config import Config, ConfigDict
from mmengine.structures import InstanceData

from bdd100k_zoo.zoo.building import without_init

#: The key frames' labels: two samples, two instances each (truck + bus, bicycle + pedestrian).
KEY_LABELS = [[2, 5], [7, 0]]
#: The frames' image size (height, width).
HEIGHT, WIDTH = 128, 160


def build_model(repo_root: str, config: str, **changes) -> torch.nn.Module:
    """The model of a config (a path relative to the repository), without initialisation (no
    downloads), with ``changes`` to its top-level settings; seeded, so every build is the same."""
    model_cfg = without_init(Config.fromfile(osp.join(repo_root, config)).model.to_dict())
    model_cfg.update(changes)
    torch.manual_seed(0)
    return MODELS.build(ConfigDict(model_cfg))


def frame_sample(labels, frame_id: int, masks: bool = False) -> DetDataSample:
    """Two instances (ids 1 and 2) shifted by the frame id; with ``masks``, masks filling their
    boxes."""
    sample = DetDataSample(metainfo=dict(frame_id=frame_id, img_shape=(HEIGHT, WIDTH),
                                         ori_shape=(HEIGHT, WIDTH), scale_factor=(1.0, 1.0)))
    boxes = torch.tensor([[10., 12., 60., 70.], [70., 30., 150., 110.]]) + frame_id
    sample.gt_instances = InstanceData(bboxes=boxes, labels=torch.tensor(labels),
                                       instances_ids=torch.tensor([1, 2], dtype=torch.int32))
    if masks:
        bitmaps = np.zeros((2, HEIGHT, WIDTH), dtype=np.uint8)
        for bitmap, (x1, y1, x2, y2) in zip(bitmaps, boxes.int().tolist()):
            bitmap[y1:y2, x1:x2] = 1
        sample.gt_instances.masks = BitmapMasks(bitmaps, HEIGHT, WIDTH)
    sample.ignored_instances = InstanceData(bboxes=torch.zeros(0, 4),
                                            labels=torch.zeros(0, dtype=torch.long))
    return sample


def training_batch(model, masks: bool = False) -> dict:
    """Two samples of a key frame (labels ``KEY_LABELS``) and a reference frame, through the
    model's preprocessor."""
    samples = []
    for labels in KEY_LABELS:
        track = TrackDataSample()
        track.video_data_samples = [frame_sample(labels, 0, masks), frame_sample(labels, 1, masks)]
        track.set_metainfo(dict(key_frames_inds=[0], ref_frames_inds=[1]))
        samples.append(track)
    torch.manual_seed(1)
    inputs = [torch.randint(0, 255, (2, 3, HEIGHT, WIDTH), dtype=torch.uint8) for _ in samples]
    return model.data_preprocessor(dict(inputs=inputs, data_samples=samples), True)
