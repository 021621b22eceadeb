"""The seg side's adapter of ``bdd100k-zoo infer`` for lane marking (and lane + drivable) models.

Each image's lane mask (official encoding) is written as a PNG and as the Scalabel prediction frame
of the lane metric (:func:`bdd100k_zoo.export.lanes.lane_frame`); the visual shows the markings in
their category colours over the image, over the drivable area when the model predicts it too.
"""
from typing import Any, Dict, Sequence

import numpy as np
from PIL import Image

from ..export.lanes import lane_frame
from ..export.visuals import draw_class_mask
from ..inference.images import InputImage
from ..inference.tasks import Prediction, TaskAdapter, register_adapter
from ..labels.categories import DRIVABLE_PALETTE, LANE_PALETTE
from ..labels.lanes import ATTRIBUTE_BITS, LANE_BACKGROUND, marking_pixels
from .lane_metric import sample_mask
from .lane_transforms import PRED_LANE_FIELD


def draw_lanes(picture: Image.Image, mask: np.ndarray) -> Image.Image:
    """The picture with a lane mask's markings drawn opaque in their category colours."""
    offset, width = ATTRIBUTE_BITS['category']
    categories = np.where(marking_pixels(mask), (mask >> offset) & ((1 << width) - 1),
                          LANE_BACKGROUND)
    return draw_class_mask(picture, categories, LANE_PALETTE, alpha=1.0)


@register_adapter('lane_mark')
class LaneAdapter(TaskAdapter):
    """lane_mark: one model input per image, its ``pred_lane_map`` -> lane mask and frame."""

    writes_masks = True

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        output = outputs[0]
        mask = sample_mask(output, PRED_LANE_FIELD).astype(np.uint8)
        if 'pred_sem_seg' in output:
            drivable = sample_mask(output, 'pred_sem_seg').astype(np.uint8)
            picture = draw_class_mask(picture, drivable, DRIVABLE_PALETTE[:2])
        return Prediction(lane_frame(image.name, mask), draw_lanes(picture, mask), mask)
