"""Model outputs -> Scalabel prediction labels (the official submission format)."""
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..labels.boxes import xyxy_to_box2d
from ..labels.masks import rle_encode


def box_labels(bboxes: np.ndarray, scores: np.ndarray, labels: np.ndarray,
               classes: Sequence[str], masks: Optional[np.ndarray] = None,
               track_ids: Optional[np.ndarray] = None) -> List[Dict]:
    """Builds Scalabel labels from detections.

    Args:
        bboxes: N x 4 ``[x1, y1, x2, y2]`` in OpenMMLab convention (converted to inclusive box2d).
        scores: N confidences.
        labels: N class indices into ``classes``.
        classes: class names.
        masks: optional N x H x W binary masks, stored as RLE.
        track_ids: optional N track ids (videos); otherwise ids are the detection ranks.
    """
    out = []
    for i in range(len(bboxes)):
        label = {'id': str(int(track_ids[i]) if track_ids is not None else i),
                 'category': classes[int(labels[i])],
                 'box2d': xyxy_to_box2d(bboxes[i]),
                 'score': float(scores[i])}
        if masks is not None:
            label['rle'] = rle_encode(masks[i])
        out.append(label)
    return out
