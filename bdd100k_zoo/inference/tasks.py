"""Per task: the model inputs of an image, and the prediction (frame, visual, mask) of its outputs.

The conversions are the ones the task's metric uses for the submission files of ``tools/test.py``:

- det, ins_seg, tagging: the metric's ``to_frame`` (boxes; boxes + RLE masks; frame attributes);
- pose: the pose side's grouping of top-down people into one frame per image (rescoring and OKS
  NMS with the metric's settings), on person boxes from a detection file or the whole image;
- sem_seg, drivable: the class mask, written as a PNG and as the seg side's RLE prediction frame;
- pan_seg: the official bitmask (category, attributes, instance id), written as a PNG and as one
  RLE label per segment.

This module holds what every task shares: the generic adapter (det, ins_seg, tagging) and the
registry through which each side adds its own (the pose side registers ``pose``, the seg side
``sem_seg`` and ``drivable``, the det side's panoptic group ``pan_seg``). The config being run imports its side (``custom_imports``), so its
adapter is registered by the time the model is built; this module imports no side.
"""
import logging
import os.path as osp
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type

import numpy as np
from mmengine.logging import print_log
from PIL import Image

from ..export.visuals import draw_frame
from ..labels.boxes import box2d_to_xyxy
from ..labels.categories import POSE_CATEGORY
from ..labels.frames import Frame, check_box, check_score, check_unique_names, read_frames
from .errors import ConfigError, InferenceError
from .images import InputImage
from .model import InferenceModel

#: A person box (OpenMMLab ``[x1, y1, x2, y2]``) and its score.
PersonBox = Tuple[List[float], float]
#: The colour of labels when the dataset meta has no palette (as the metrics' visuals).
DEFAULT_PALETTE = [(255, 0, 0)]


@dataclass
class Prediction:
    """What inference writes for one image.

    Attributes:
        frame: its Scalabel prediction frame (the official format).
        visual: the image with the prediction drawn.
        mask: the class mask (sem_seg, drivable) or the official bitmask (pan_seg), else None.
        arrays: more per-image arrays, ``{folder: array}`` written as ``<folder>/<stem>.npy``
            (``folder`` relative to the output folder, under one of the adapter's
            ``extra_dirs``), e.g. the anomaly maps.
        images: more per-image pictures, ``{folder: image}`` written as ``<folder>/<stem>.jpg``,
            e.g. heat maps.
    """
    frame: Frame
    visual: Image.Image
    mask: Optional[np.ndarray] = None
    arrays: Dict[str, np.ndarray] = field(default_factory=dict)
    images: Dict[str, Image.Image] = field(default_factory=dict)


def keep_scored(frame: Frame, score_thr: float) -> Frame:
    """The frame without its labels scored below ``score_thr`` (unscored labels are kept)."""
    labels = frame.get('labels')
    if not labels:
        return frame
    return dict(frame, labels=[label for label in labels
                               if label.get('score') is None or label['score'] >= score_thr])


class TaskAdapter:
    """det, ins_seg, tagging: one model input per image, its output -> the metric's frame.

    Args:
        model: the loaded model.
        score_thr: labels scored lower are left out of the predictions and visuals (det,
            ins_seg; tagging frames have no labels).
    """

    #: Whether the task's predictions include class masks.
    writes_masks = False
    #: The output sub-folders of the predictions' ``arrays`` and ``images`` (replaced as a whole).
    extra_dirs: Tuple[str, ...] = ()

    def __init__(self, model: InferenceModel, score_thr: float) -> None:
        self.metric = model.metric
        self.classes = model.dataset_meta['classes']
        self.palette = model.dataset_meta.get('palette') or DEFAULT_PALETTE
        self.score_thr = score_thr

    @classmethod
    def build(cls, model: InferenceModel, images: Sequence[InputImage], score_thr: float,
              person_boxes: Optional[str] = None) -> 'TaskAdapter':
        """The adapter for a run on ``images`` (see :func:`task_adapter`).

        Raises:
            InferenceError: ``person_boxes`` given (they are for pose models).
        """
        if person_boxes:
            raise InferenceError(f'person boxes are for pose models; {model.config} is a '
                                 f'{model.task} model')
        return cls(model, score_thr)

    def data_infos(self, image: InputImage, index: int, size: Tuple[int, int]
                   ) -> List[Dict[str, Any]]:
        """The data infos of an image (``size``: width, height) that go through the pipeline."""
        return [dict(img_path=image.path, name=image.name, img_id=index)]

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        """The prediction of an image (``picture``: its pixels) from the outputs of its infos."""
        frame = keep_scored(self.metric.to_frame(outputs[0]), self.score_thr)
        return Prediction(frame, draw_frame(picture, frame, self.classes, self.palette))


#: The adapter class of each task, filled by the sides (see :func:`register_adapter`).
ADAPTERS: Dict[str, Type[TaskAdapter]] = {}


def register_adapter(*tasks: str) -> Callable[[Type[TaskAdapter]], Type[TaskAdapter]]:
    """Class decorator: ``adapter`` runs inference for the models of ``tasks``.

    Raises:
        KeyError: another adapter is registered for one of the tasks.
    """
    def register(adapter: Type[TaskAdapter]) -> Type[TaskAdapter]:
        for task in tasks:
            if ADAPTERS.get(task, adapter) is not adapter:
                raise KeyError(f'{ADAPTERS[task].__name__} already runs {task} inference')
            ADAPTERS[task] = adapter
        return adapter
    return register


def read_person_boxes(path: str) -> Dict[str, List[PersonBox]]:
    """The ``pedestrian`` boxes of a Scalabel file (e.g. the ``preds.json`` of a det model), by
    frame name; a label without a score (a label file) scores 1.

    Raises:
        LabelError: malformed file, repeated frame, bad box or score (names file, frame, label).
    """
    frames = read_frames(path)
    check_unique_names(frames, path)
    boxes: Dict[str, List[PersonBox]] = {}
    for frame in frames:
        found = boxes.setdefault(frame['name'], [])
        for label in frame.get('labels') or ():
            if label.get('category') != POSE_CATEGORY or label.get('box2d') is None:
                continue
            check_box(label['box2d'], path, frame, label)
            score = label.get('score', 1.0)
            check_score(score, path, frame, label)
            found.append((box2d_to_xyxy(label['box2d']), float(score)))
    return boxes


def check_coverage(boxes: Dict[str, List[PersonBox]], images: Sequence[InputImage],
                   path: str) -> None:
    """Fails if the person boxes cover none of the images; says how many they miss.

    Raises:
        InferenceError: no frame of ``path`` is named like an input image.
    """
    missing = [image.name for image in images if image.name not in boxes]
    if len(missing) == len(images):
        example = next(iter(boxes), None)
        raise InferenceError(f'{path}: none of its frames (e.g. {example!r}) is named like an '
                             f'input image (e.g. {images[0].name!r})')
    if missing:
        print_log(f'{path} has no frame for {len(missing)} of the {len(images)} images (e.g. '
                  f'{missing[0]!r}): they get no person', logger='current', level=logging.WARNING)


def task_adapter(model: InferenceModel, images: Sequence[InputImage], score_thr: float,
                 person_boxes: Optional[str] = None) -> TaskAdapter:
    """The adapter of the model's task, registered by its side.

    Args:
        model: the loaded model.
        images: the input images (to check ``person_boxes`` covers them).
        score_thr: labels (det, ins_seg) or person boxes (pose) scored lower are left out.
        person_boxes: pose: a Scalabel file of person boxes; None: whole images.

    Raises:
        ConfigError: no adapter runs the model's task.
        InferenceError: ``person_boxes`` given for another task, or covering no input image.
    """
    if model.task not in ADAPTERS:
        raise ConfigError(f'{osp.basename(model.config)} is a {model.task} model; inference '
                          f'supports {", ".join(sorted(ADAPTERS))}')
    return ADAPTERS[model.task].build(model, images, score_thr, person_boxes)
