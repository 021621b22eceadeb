"""The layered raster a frame is painted on: colour, semantic class, instance, depth, glow.

Items are painted in painter's order (far to near), each onto every layer at once, so the masks
agree with the image pixel for pixel. Shapes marked not ``solid`` (windows, lamps, markings on an
object) only change the colour; ``glow`` shapes also light up the glow layer used at night.
"""
from dataclasses import dataclass
from functools import cached_property
from typing import List, Optional, Tuple, Union

import numpy as np
from PIL import Image, ImageDraw

from .camera import IMAGE_HEIGHT, IMAGE_WIDTH

Color = Tuple[int, int, int]
#: Metres per level of the depth layer; level 255 is "infinitely far" (sky).
DEPTH_STEP = 0.5
FAR_DEPTH_LEVEL = 255


@dataclass
class Shape:
    """A 2D shape in pixel coordinates.

    Attributes:
        kind: ``'polygon'``, ``'line'`` (a polyline of ``width`` pixels) or ``'ellipse'``
            (``points`` holds the two corners of its bounding box).
        points: ``(N, 2)`` float array.
        color: RGB fill colour.
        width: line width in pixels.
        solid: whether the shape belongs to the item's masks (``False`` for paint-only details).
        glow: whether the shape emits light.
    """

    kind: str
    points: np.ndarray
    color: Color
    width: int = 1
    solid: bool = True
    glow: bool = False

    @cached_property
    def _coordinates(self) -> List[float]:
        """The points as the flat list Pillow draws (computed once, drawn on several layers)."""
        if self.kind == 'ellipse':
            return [*self.points.min(axis=0).tolist(), *self.points.max(axis=0).tolist()]
        return self.points.ravel().tolist()

    def draw(self, draw: ImageDraw.ImageDraw, fill: Union[int, Color],
             offset: Tuple[float, float] = (0.0, 0.0)) -> None:
        """Draws the shape with ``fill``, shifted by ``-offset``."""
        coordinates = self._coordinates
        if offset != (0.0, 0.0):
            coordinates = [value - offset[index % 2] for index, value in enumerate(coordinates)]
        if self.kind == 'polygon':
            if len(coordinates) >= 6:
                draw.polygon(coordinates, fill=fill)
        elif self.kind == 'line':
            draw.line(coordinates, fill=fill, width=max(1, int(round(self.width))), joint='curve')
        elif self.kind == 'ellipse':
            draw.ellipse(coordinates, fill=fill)
        else:
            raise ValueError(f'unknown shape kind {self.kind!r}')


@dataclass
class Item:
    """Shapes painted together with one semantic class, instance index and depth."""

    shapes: List[Shape]
    sem: int
    depth: float
    instance: int = 0


@dataclass
class Footprint:
    """Where an item's solid shapes land when painted alone.

    Attributes:
        pixels: number of in-image pixels covered.
        box: inclusive ``(x1, y1, x2, y2)`` of those pixels, or ``None`` if none is in the image.
        truncated: whether the shapes reach beyond the image border.
    """

    pixels: int
    box: Optional[Tuple[int, int, int, int]]
    truncated: bool


class Canvas:
    """The layers of one frame, all ``IMAGE_WIDTH x IMAGE_HEIGHT``.

    Args:
        depth: keep the depth layer up to date (needed for fog and haze only).
        glow: keep the glow layer up to date (needed when lamps are lit only).
    """

    def __init__(self, depth: bool = True, glow: bool = True) -> None:
        self.width, self.height = IMAGE_WIDTH, IMAGE_HEIGHT
        size = (self.width, self.height)
        self.rgb = Image.new('RGB', size)
        self.sem = Image.new('L', size, 255)
        self.instance = Image.new('L', size, 0)
        self.depth = Image.new('L', size, FAR_DEPTH_LEVEL)
        self.glow = Image.new('RGB', size)
        self.drivable = Image.new('L', size, 2)
        self._rgb, self._sem, self._instance = (ImageDraw.Draw(image)
                                                for image in (self.rgb, self.sem, self.instance))
        self._depth = ImageDraw.Draw(self.depth) if depth else None
        self._glow = ImageDraw.Draw(self.glow) if glow else None
        self._drivable = ImageDraw.Draw(self.drivable)

    def paint(self, item: Item) -> None:
        """Paints an item over everything painted before."""
        depth_level = min(FAR_DEPTH_LEVEL - 1, int(item.depth / DEPTH_STEP))
        for shape in item.shapes:
            shape.draw(self._rgb, shape.color)
            if self._glow is not None and (shape.glow or shape.solid):
                # a solid shape hides the light of any lamp behind it
                shape.draw(self._glow, shape.color if shape.glow else (0, 0, 0))
            if shape.solid:
                shape.draw(self._sem, item.sem)
                shape.draw(self._instance, item.instance)
                if self._depth is not None:
                    shape.draw(self._depth, depth_level)

    def set_depth(self, levels: np.ndarray) -> None:
        """Overwrites the depth layer (``H x W`` uint8 levels), e.g. with the ground's depth."""
        self.depth.paste(Image.fromarray(levels))

    def paint_drivable(self, shapes: List[Shape], value: int) -> None:
        """Marks the pixels of ``shapes`` with a drivable class in the drivable layer."""
        for shape in shapes:
            shape.draw(self._drivable, value)

    def footprint(self, item: Item) -> Footprint:
        """Paints the item's solid shapes alone, to measure its full extent (before occlusion)."""
        solid = [shape for shape in item.shapes if shape.solid]
        if not solid:
            return Footprint(0, None, False)
        points = np.concatenate([shape.points for shape in solid])
        pad = max(shape.width / 2 if shape.kind == 'line' else 0.0 for shape in solid)
        x0, y0 = np.floor(points.min(axis=0) - pad).astype(int)
        x1, y1 = np.ceil(points.max(axis=0) + pad).astype(int)
        truncated = bool(x0 < 0 or y0 < 0 or x1 > self.width - 1 or y1 > self.height - 1)
        cx0, cy0 = max(x0, 0), max(y0, 0)
        cx1, cy1 = min(x1, self.width - 1), min(y1, self.height - 1)
        if cx1 < cx0 or cy1 < cy0:
            return Footprint(0, None, truncated)
        crop = Image.new('1', (cx1 - cx0 + 1, cy1 - cy0 + 1), 0)
        draw = ImageDraw.Draw(crop)
        for shape in solid:
            shape.draw(draw, 1, offset=(float(cx0), float(cy0)))
        mask = np.asarray(crop)
        pixels = int(mask.sum())
        if not pixels:
            return Footprint(0, None, truncated)
        cols = np.flatnonzero(mask.any(axis=0))
        rows = np.flatnonzero(mask.any(axis=1))
        box = (cx0 + int(cols[0]), cy0 + int(rows[0]), cx0 + int(cols[-1]), cy0 + int(rows[-1]))
        return Footprint(pixels, box, truncated)
