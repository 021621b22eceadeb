"""Scalabel ``poly2d`` labels traced from masks (the official ``polygons`` files).

Scalabel (and the official ``bdd100k.label.to_mask``) fills each polygon of a label on its own and
paints the labels of a frame in file order, later over earlier; a polygon holds no hole. So every
connected part of a mask becomes one closed polygon along its outer pixel edges, and the labels of a
frame are ordered by the area their polygons enclose, largest first: a region around another one
(the road around a car) is painted before it.
"""
from typing import Dict, Iterable, List, Tuple

import cv2
import numpy as np

Label = Dict[str, object]
Poly2d = Dict[str, object]
#: Polygons are simplified (Douglas-Peucker) to within this many pixels of the mask's border, as
#: annotators draw them with a few vertices (and it keeps the files small).
TOLERANCE = 1.0


def mask_poly2d(mask: np.ndarray) -> List[Poly2d]:
    """The closed ``poly2d`` polygons (straight edges, ``types`` all ``'L'``) of a binary mask.

    One polygon per connected part (8-connected) along its outer border: the pixel edges
    (integer corners; traced on the mask upsampled twice, whose border pixels lie next to those
    corners), simplified to within :data:`TOLERANCE` pixels. Filled by pixel centres, as Scalabel
    rasterises, an unsimplified polygon gives back exactly its part's pixels (holes aside).
    """
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if not rows.size:
        return []
    crop = mask[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1].astype(np.uint8)
    upsampled = np.repeat(np.repeat(crop, 2, axis=0), 2, axis=1)
    contours, _ = cv2.findContours(upsampled, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    polygons = []
    for contour in contours:
        corners = (contour + 1) // 2  # upsampled pixel 2x is left of corner x, 2x + 1 right of x + 1
        simplified = cv2.approxPolyDP(corners, TOLERANCE, True)
        points = (simplified if len(simplified) >= 3 else corners)[:, 0, :] + [cols[0], rows[0]]
        polygons.append({'vertices': points.tolist(), 'types': 'L' * len(points), 'closed': True})
    return polygons


def _enclosed_area(polygons: List[Poly2d]) -> float:
    total = 0.0
    for polygon in polygons:
        points = np.array(polygon['vertices'], dtype=np.float32)
        total += float(cv2.contourArea(points))
    return total


def polygon_labels(regions: Iterable[Tuple[Label, np.ndarray]]) -> List[Label]:
    """Polygon labels of a frame, in painting order (largest enclosed area first).

    Args:
        regions: each label's fields (``id``, ``category``, ``attributes``...; no mask fields) and
            its binary mask.

    Returns:
        The labels with their ``poly2d``; an empty region is left out.
    """
    labels = []
    for fields, mask in regions:
        polygons = mask_poly2d(mask)
        if polygons:
            labels.append(({**fields, 'poly2d': polygons}, _enclosed_area(polygons)))
    labels.sort(key=lambda pair: -pair[1])  # stable: equal areas keep their order
    return [label for label, _ in labels]
