"""Per task: the model inputs of an image, and the prediction (frame, visual, mask) of its outputs.

The conversions are the ones the task's metric uses for the submission files of ``tools/test.py``:

- det, ins_seg, tagging: the metric's ``to_frame`` (boxes; boxes + RLE masks; frame attributes);
- pose: the pose side's grouping of top-down people into one frame per image (rescoring and OKS
  NMS with the metric's settings), on person boxes from a detection file or the whole image;
- sem_seg, drivable: the class mask, written as a PNG and as the seg side's RLE prediction frame.

Side modules are imported inside methods only: the config being run has already imported its side.
"""
import os.path as osp
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
from mmengine.logging import print_log
from PIL import Image

from ..evaluation.segmentation import SEG_CLASSES
from ..export.visuals import draw_class_mask, draw_frame
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
        mask: the class mask (sem_seg, drivable), else None.
    """
    frame: Frame
    visual: Image.Image
    mask: Optional[np.ndarray] = None


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

    def __init__(self, model: InferenceModel, score_thr: float) -> None:
        self.metric = model.metric
        self.classes = model.dataset_meta['classes']
        self.palette = model.dataset_meta.get('palette') or DEFAULT_PALETTE
        self.score_thr = score_thr

    def data_infos(self, image: InputImage, index: int, size: Tuple[int, int]
                   ) -> List[Dict[str, Any]]:
        """The data infos of an image (``size``: width, height) that go through the pipeline."""
        return [dict(img_path=image.path, name=image.name, img_id=index)]

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        """The prediction of an image (``picture``: its pixels) from the outputs of its infos."""
        frame = keep_scored(self.metric.to_frame(outputs[0]), self.score_thr)
        return Prediction(frame, draw_frame(picture, frame, self.classes, self.palette))


class PoseAdapter(TaskAdapter):
    """pose (top-down): one model input per person box, the people -> one frame per image.

    Every person estimated is predicted (rescored and de-duplicated as the metric does), as
    OpenMMLab's top-down demos do: the score threshold selects the person boxes.

    Args:
        model: the loaded model.
        score_thr: person boxes scored lower are left out.
        person_boxes: ``{image name: person boxes}``; None: the whole image is one person box.
    """

    def __init__(self, model: InferenceModel, score_thr: float,
                 person_boxes: Optional[Dict[str, List[PersonBox]]] = None) -> None:
        super().__init__(model, score_thr)
        self.meta = model.dataset_meta  # mmpose's pipeline reads flip indices etc. from the info
        self.person_boxes = person_boxes

    def boxes(self, image: InputImage, size: Tuple[int, int]) -> List[PersonBox]:
        """The person boxes of an image above the score threshold."""
        if self.person_boxes is None:
            return [([0.0, 0.0, float(size[0]), float(size[1])], 1.0)]
        return [box for box in self.person_boxes.get(image.name, ()) if box[1] >= self.score_thr]

    def data_infos(self, image: InputImage, index: int, size: Tuple[int, int]
                   ) -> List[Dict[str, Any]]:
        return [dict(self.meta, img_path=image.path, name=image.name, img_id=index, id=rank,
                     bbox=np.array([xyxy], dtype=np.float32),
                     bbox_score=np.array([score], dtype=np.float32))
                for rank, (xyxy, score) in enumerate(self.boxes(image, size))]

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        from ..pose.predictions import group_frames, sample_people
        people = [person for output in outputs for person in sample_people(output)]
        metric = self.metric
        frame = group_frames(people, [image.name], metric.score_mode, metric.keypoint_score_thr,
                             metric.nms_mode, metric.nms_thr)[0]
        return Prediction(frame, draw_frame(picture, frame, self.classes, self.palette))


class MaskAdapter(TaskAdapter):
    """sem_seg, drivable: one model input per image, its output -> a class mask (and its frame)."""

    writes_masks = True

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        from ..seg.submission import mask_frame
        mask = outputs[0]['pred_sem_seg']['data'].squeeze(0).cpu().numpy().astype(np.uint8)
        frame = mask_frame(image.name, mask, SEG_CLASSES[self.metric.task])
        return Prediction(frame, draw_class_mask(picture, mask, self.palette), mask)


ADAPTERS = {'det': TaskAdapter, 'ins_seg': TaskAdapter, 'tagging': TaskAdapter,
            'pose': PoseAdapter, 'sem_seg': MaskAdapter, 'drivable': MaskAdapter}


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
                  f'{missing[0]!r}): they get no person', logger='current', level='WARNING')


def task_adapter(model: InferenceModel, images: Sequence[InputImage], score_thr: float,
                 person_boxes: Optional[str] = None) -> TaskAdapter:
    """The adapter of the model's task.

    Args:
        model: the loaded model.
        images: the input images (to check ``person_boxes`` covers them).
        score_thr: labels (det, ins_seg) or person boxes (pose) scored lower are left out.
        person_boxes: pose: a Scalabel file of person boxes; None: whole images.

    Raises:
        ConfigError: the task is not an image task inference supports.
        InferenceError: ``person_boxes`` given for another task, or covering no input image.
    """
    if model.task not in ADAPTERS:
        raise ConfigError(f'{osp.basename(model.config)} is a {model.task} model; inference '
                          f'supports {", ".join(ADAPTERS)}')
    if model.task != 'pose':
        if person_boxes:
            raise InferenceError(f'person boxes are for pose models; {model.config} is a '
                                 f'{model.task} model')
        return ADAPTERS[model.task](model, score_thr)
    boxes = None
    if person_boxes:
        boxes = read_person_boxes(person_boxes)
        check_coverage(boxes, images, person_boxes)
    return PoseAdapter(model, score_thr, boxes)
