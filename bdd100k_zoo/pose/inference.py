"""The pose side's adapter of ``bdd100k-zoo infer`` (top-down: one model input per person box)."""
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
from PIL import Image

from ..export.visuals import draw_frame
from ..inference.model import InferenceModel
from ..inference.images import InputImage
from ..inference.tasks import (PersonBox, Prediction, TaskAdapter, check_coverage,
                               read_person_boxes, register_adapter)
from .predictions import group_frames, sample_people


@register_adapter('pose')
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

    @classmethod
    def build(cls, model: InferenceModel, images: Sequence[InputImage], score_thr: float,
              person_boxes: Optional[str] = None) -> 'PoseAdapter':
        """The adapter, with the person boxes of the file ``person_boxes`` (checked to cover the
        images) or, without one, the whole images."""
        boxes = None
        if person_boxes:
            boxes = read_person_boxes(person_boxes)
            check_coverage(boxes, images, person_boxes)
        return cls(model, score_thr, boxes)

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
        people = [person for output in outputs for person in sample_people(output)]
        metric = self.metric
        frame = group_frames(people, [image.name], metric.score_mode, metric.keypoint_score_thr,
                             metric.nms_mode, metric.nms_thr)[0]
        return Prediction(frame, draw_frame(picture, frame, self.classes, self.palette))
