"""The pan_seg adapter of ``bdd100k-zoo infer``: per image, the official bitmask (written as
``masks/<stem>.png``, what ``bdd100k-zoo eval -t pan_seg`` reads), its RLE frame and a visual."""
from typing import Any, Dict, Sequence

from PIL import Image

from ...export.visuals import draw_frame
from ...inference.images import InputImage
from ...inference.tasks import Prediction, TaskAdapter, register_adapter
from .conversion import panoptic_to_bitmask
from .metric import bitmask_prediction_frame


@register_adapter('pan_seg')
class PanopticAdapter(TaskAdapter):
    """pan_seg: one model input per image, its panoptic map -> the official bitmask, the RLE
    frame of its segments (``preds.json``) and the segments drawn in the class colours."""

    writes_masks = True

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        panoptic = outputs[0]['pred_panoptic_seg']['sem_seg'][0].cpu().numpy()
        bitmask = panoptic_to_bitmask(panoptic, self.classes)
        frame = bitmask_prediction_frame(image.name, bitmask)
        return Prediction(frame, draw_frame(picture, frame, self.classes, self.palette), bitmask)
