"""Lane marking predictions as Scalabel frames: one RLE label per class present.

The form ``scalabel.eval.boundary`` (and ``bdd100k.eval.run -t lane_mark -r preds.json``) scores:
each label's category is a value of a lane attribute (``parallel``, ``dashed``, ``road curb``,
...) and its RLE holds that value's pixels. The masks themselves (the official lane mask PNGs) are
written as they are.
"""
from typing import Dict, List

import numpy as np

from ..labels.categories import LANE_ATTRIBUTES
from ..labels.frames import Frame
from ..labels.lanes import attribute_maps
from ..labels.masks import instance_rles


def lane_frame(name: str, mask: np.ndarray) -> Frame:
    """The Scalabel prediction frame of a lane mask (official encoding).

    Args:
        name: the frame (image file) name.
        mask: H x W lane mask.
    """
    labels: List[Dict] = []
    for attribute, indices in attribute_maps(mask).items():
        values = LANE_ATTRIBUTES[attribute]
        for index, rle in instance_rles(indices.astype(np.int32) + 1).items():
            labels.append({'id': str(len(labels)), 'category': values[index - 1], 'rle': rle})
    return {'name': name, 'labels': labels}
