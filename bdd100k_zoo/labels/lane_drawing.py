"""Scalabel ``poly2d`` lane labels drawn into lane masks, as the official converter draws them.

``bdd100k.label.to_mask`` (mode ``lane_mark``) draws every polygon of a lane label as an open,
aliased line 1 point wide (matplotlib Agg at 100 dpi, pixel snapping on), labels in file order,
later over earlier, and fills the rest with the background value. This module draws the same
pixels (matplotlib is imported on first use).
"""
from typing import Any, Dict, Sequence, Tuple

import numpy as np

from .lanes import LANE_BACKGROUND, encode_lane


def lane_value(label: Dict[str, Any]) -> int:
    """The mask value of a ``poly2d`` lane label (its category, ``laneDirection``, ``laneStyle``;
    missing attributes are parallel and solid, as officially)."""
    attributes = label.get('attributes') or {}
    return encode_lane(label['category'], str(attributes.get('laneDirection', 'parallel')),
                       str(attributes.get('laneStyle', 'solid')))


#: The ``poly2d`` vertex types: a line (``L``) or a cubic Bezier control point (``C``) to it.
VERTEX_TYPES = 'LC'


def check_poly2d(vertices: Sequence[Any], types: Any) -> None:
    """Checks a ``poly2d`` has vertices and one known type (:data:`VERTEX_TYPES`) per vertex.

    Raises:
        ValueError: no vertices, or types that are not one of ``L``/``C`` per vertex.
    """
    if (not vertices or not isinstance(types, str) or len(types) != len(vertices)
            or types.strip(VERTEX_TYPES)):
        raise ValueError(f'poly2d needs one type ({"/".join(VERTEX_TYPES)}) per vertex, got '
                         f'{len(vertices)} vertices and types {types!r}')


def lane_path(poly2d: Dict[str, Any]) -> Any:
    """A matplotlib path of one ``poly2d`` (vertices joined by lines ``L`` or cubic Beziers ``C``),
    always open: lane markings are lines."""
    from matplotlib.path import Path
    vertices = [tuple(point) for point in poly2d['vertices']]
    check_poly2d(vertices, poly2d['types'])
    codes = [{'L': Path.LINETO, 'C': Path.CURVE4}[kind] for kind in poly2d['types']]
    codes[0] = Path.MOVETO
    return Path(vertices, codes)


def draw_lane_mask(labels: Sequence[Dict[str, Any]], shape: Tuple[int, int]) -> np.ndarray:
    """The lane mask of ``poly2d`` lane labels, drawn as ``bdd100k.label.to_mask`` draws them.

    Args:
        labels: Scalabel labels with ``category`` (a lane category), ``poly2d`` and optionally
            ``attributes`` ``laneDirection``/``laneStyle``.
        shape: (height, width) of the mask.

    Raises:
        ValueError: an unknown category or attribute value, or a malformed ``poly2d``.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch
    height, width = shape
    figure = Figure(facecolor='0')
    canvas = FigureCanvasAgg(figure)
    figure.set_size_inches(width / figure.get_dpi(), height / figure.get_dpi())
    axes = figure.add_axes([0, 0, 1, 1])
    axes.axis('off')
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)
    axes.set_facecolor((0, 0, 0, 0))
    axes.invert_yaxis()
    values = []
    for number, label in enumerate(labels, start=1):
        values.append(lane_value(label))
        color = ((number >> 8) / 255.0, (number & 255) / 255.0, 0.0)
        for poly2d in label['poly2d']:
            axes.add_patch(PathPatch(lane_path(poly2d), facecolor='none', edgecolor=color, lw=1,
                                     alpha=1, antialiased=False, snap=True))
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    drawn = (rgba[..., 0].astype(np.int32) << 8) + rgba[..., 1]
    drawn[drawn > len(values)] = 0
    return np.array([LANE_BACKGROUND] + values, dtype=np.uint8)[drawn]

