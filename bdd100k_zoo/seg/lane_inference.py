"""The seg side's adapter of ``bdd100k-zoo infer`` for lane marking (and lane + drivable) models.

Each image's lane mask (official encoding) is written as a PNG and, by the model's lane metric
(:class:`~bdd100k_zoo.seg.lane_metric.BDD100KLaneMetric`), as its Scalabel prediction frame and
its visual: the markings in their category colours over the image, over the drivable area when
the model predicts it too.
"""
from typing import Any, Dict, Sequence

import numpy as np
from PIL import Image

from ..export.visuals import draw_class_mask
from ..inference.images import InputImage
from ..inference.tasks import Prediction, TaskAdapter, register_adapter
from ..labels.categories import DRIVABLE_PALETTE
from .metrics import sample_mask


@register_adapter('lane_mark')
class LaneAdapter(TaskAdapter):
    """lane_mark: one model input per image, its ``pred_lane_map`` -> lane mask and frame."""

    writes_masks = True

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        output = outputs[0]
        mask = self.metric.prediction(output, image.name)
        if 'pred_sem_seg' in output:
            drivable = sample_mask(output, 'pred_sem_seg').astype(np.uint8)
            picture = draw_class_mask(picture, drivable, DRIVABLE_PALETTE[:2])
        return Prediction(self.metric.pred_frame(image.name, mask),
                          self.metric.draw(picture, mask), mask)
