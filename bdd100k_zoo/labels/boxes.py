"""Box conventions: Scalabel ``box2d`` corners are inclusive pixel coordinates.

The official evaluation turns ``box2d`` into COCO boxes of width ``x2 - x1 + 1``; OpenMMLab boxes are
``[x1, y1, x2, y2)`` with width ``x2 - x1``. Converting here, in both directions, keeps training
targets, exported predictions and official scores on the same pixels.
"""
from typing import Dict, List, Sequence

Box2D = Dict[str, float]


def box2d_to_xyxy(box: Box2D) -> List[float]:
    """Scalabel ``box2d`` (inclusive) -> OpenMMLab ``[x1, y1, x2, y2]`` (exclusive right/bottom)."""
    return [float(box['x1']), float(box['y1']), float(box['x2']) + 1.0, float(box['y2']) + 1.0]


def xyxy_to_box2d(xyxy: Sequence[float]) -> Box2D:
    """OpenMMLab ``[x1, y1, x2, y2]`` -> Scalabel ``box2d`` (inclusive corners)."""
    x1, y1, x2, y2 = (float(v) for v in xyxy)
    return {'x1': x1, 'y1': y1, 'x2': x2 - 1.0, 'y2': y2 - 1.0}
