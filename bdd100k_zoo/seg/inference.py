"""The seg side's adapter of ``bdd100k-zoo infer``: a class mask per image (and its frame)."""
from typing import Any, Dict, Sequence

import numpy as np
from PIL import Image

from ..evaluation.segmentation import SEG_CLASSES
from ..export.visuals import draw_class_mask
from ..inference.images import InputImage
from ..inference.tasks import Prediction, TaskAdapter, register_adapter
from .submission import mask_frame


@register_adapter('sem_seg', 'drivable')
class MaskAdapter(TaskAdapter):
    """sem_seg, drivable: one model input per image, its output -> a class mask (and its frame)."""

    writes_masks = True

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        mask = outputs[0]['pred_sem_seg']['data'].squeeze(0).cpu().numpy().astype(np.uint8)
        frame = mask_frame(image.name, mask, SEG_CLASSES[self.metric.task])
        return Prediction(frame, draw_class_mask(picture, mask, self.palette), mask)
