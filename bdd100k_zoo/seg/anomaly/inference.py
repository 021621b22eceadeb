"""The adapter of ``bdd100k-zoo infer`` for anomaly models (``BDD100KAnomalySegmentor``).

Per image: the class mask and its frame as for sem_seg, every score's map as
``anomaly_maps/<score>/<stem>.npy`` (float32 H x W, higher = more anomalous; the layout
``bdd100k-zoo eval -t anomaly -r`` reads) and the primary score's heat map over the image as
``heatmaps/<stem>.jpg``.
"""
from typing import Any, Dict, Sequence

import numpy as np
from PIL import Image

from ...export.visuals import draw_class_mask, draw_heatmap
from ...inference.images import InputImage
from ...inference.tasks import Prediction, TaskAdapter, register_adapter
from ..submission import mask_frame

#: The output folders: the score maps and the heat maps.
MAPS_DIR = 'anomaly_maps'
HEATMAPS_DIR = 'heatmaps'


def score_arrays(output: Dict[str, Any]) -> Dict[str, np.ndarray]:
    """``{score: H x W float32}`` of a model output (``pred_anomaly_maps``, else the lone
    ``pred_anomaly_map`` as ``anomaly``)."""
    fields = output.get('pred_anomaly_maps') or {'anomaly': output['pred_anomaly_map']['data']}
    return {name: value.squeeze(0).cpu().numpy().astype(np.float32)
            for name, value in fields.items() if hasattr(value, 'shape')}


@register_adapter('anomaly')
class AnomalyAdapter(TaskAdapter):
    """anomaly: the class mask and frame, the score maps and the primary score's heat map."""

    writes_masks = True
    extra_dirs = (MAPS_DIR, HEATMAPS_DIR)

    def predict(self, image: InputImage, picture: Image.Image,
                outputs: Sequence[Dict[str, Any]]) -> Prediction:
        output = outputs[0]
        mask = output['pred_sem_seg']['data'].squeeze(0).cpu().numpy().astype(np.uint8)
        primary = output['pred_anomaly_map']['data'].squeeze(0).cpu().numpy()
        arrays = {f'{MAPS_DIR}/{name}': value for name, value in score_arrays(output).items()}
        return Prediction(mask_frame(image.name, mask, self.classes),
                          draw_class_mask(picture, mask, self.palette), mask, arrays,
                          {HEATMAPS_DIR: draw_heatmap(picture, primary)})
