"""The sample's anomaly split: 10K-style scenes with objects of no BDD100K class, and their masks.

Each image is a rendered scene (as the 10K images) with one to three unknown objects painted in
front of it, standing on the ground at a distance drawn from :data:`DISTANCES` and sized by the
camera's perspective: lost cargo boxes, a four-legged animal, flat debris. At least one object
stands on the road; the others on the road or beside it (sidewalk, terrain, vegetation). No
object overlaps a vehicle, person, pole or sign (the scene keeps no depth to tell which is
nearer). The object colours are shaded by the brightness of the pixels they cover (night and
fog darken them).

Written, as the official layout would hold a third 10K split ``anomaly``:

- ``images/10k/anomaly/<stem>.jpg``;
- ``labels/sem_seg/masks/anomaly/<stem>.png``: the known classes, 255 on the unknown objects;
- ``labels/anomaly/masks/anomaly/<stem>.png``: 1 on the objects, 0 on known classes, 255 where
  the class mask was already ignored.

The classes are the 19 BDD100K ones (``BDD100KAnomalyDataset`` with ``info_file=None``).
"""
import posixpath
from typing import Callable, Dict, Tuple

import numpy as np
from PIL import Image, ImageDraw

from ..labels.categories import DET_CLASSES, SEM_SEG_CLASSES
from ..labels.masks import IGNORE_INDEX
from . import layout
from .camera import Camera
from .randomness import NameMaker, make_rng
from .shots import shoot
from .writer import SampleWriter

SPLIT = 'anomaly'
#: Classes an unknown object may stand on: the road, and beside it.
ROAD = (SEM_SEG_CLASSES.index('road'),)
BESIDE = tuple(SEM_SEG_CLASSES.index(name) for name in ('sidewalk', 'terrain', 'vegetation'))
#: Distances (metres ahead) at which objects stand.
DISTANCES = (5.0, 25.0)
#: Objects per image.
OBJECTS = (1, 3)
#: Smallest object drawn, in pixels of width (farther ones are too small to see).
MIN_WIDTH = 12
#: Object colours (RGB) of each kind, made lighter or darker per object.
COLORS = {'box': ((176, 132, 84), (150, 110, 70), (205, 170, 120)),
          'animal': ((120, 84, 50), (90, 90, 86), (160, 130, 95), (40, 36, 32)),
          'debris': ((60, 58, 55), (150, 60, 140), (95, 140, 60), (210, 120, 30))}
#: Width and height (metres) ranges of each kind.
SIZES = {'box': ((0.4, 1.0), (0.3, 0.8)), 'animal': ((0.8, 1.6), (0.7, 1.3)),
         'debris': ((0.6, 1.8), (0.15, 0.4))}
KINDS = tuple(SIZES)
#: Classes of the things and thin structures an object must not overlap (nothing tells which of
#: them is nearer, so an object is never drawn across one).
AVOIDED = tuple(SEM_SEG_CLASSES.index(name) for name in (
    'pole', 'traffic light', 'traffic sign', 'person', 'rider', 'car', 'truck', 'bus', 'train',
    'motorcycle', 'bicycle'))

Box = Tuple[float, float, float, float]


def anomaly_mask_path(stem: str) -> str:
    """The anomaly mask PNG of an image of the split."""
    return posixpath.join('labels', 'anomaly', 'masks', SPLIT, f'{stem}.png')


def draw_box(draw: ImageDraw.ImageDraw, box: Box, rng: np.random.Generator) -> None:
    """A cargo box: the front face and, above it, the top face seen from above."""
    left, top, right, bottom = box
    depth = (bottom - top) * rng.uniform(0.15, 0.35)
    shift = (right - left) * rng.uniform(-0.2, 0.2)
    draw.polygon([(left, top), (left + shift, top - depth), (right + shift, top - depth),
                  (right, top)], fill=2)
    draw.rectangle([left, top, right, bottom], fill=1)


def draw_animal(draw: ImageDraw.ImageDraw, box: Box, rng: np.random.Generator) -> None:
    """A four-legged animal seen from the side: body, neck and head, legs."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    body_bottom = top + height * 0.6
    draw.ellipse([left + width * 0.1, top + height * 0.2, right - width * 0.15, body_bottom],
                 fill=1)
    facing_right = rng.random() < 0.5
    head_x = right - width * 0.2 if facing_right else left
    draw.ellipse([head_x, top, head_x + width * 0.2, top + height * 0.3], fill=2)
    leg = max(width * 0.06, 1.5)
    for share in (0.2, 0.32, 0.62, 0.74):
        x = left + width * share
        draw.rectangle([x, body_bottom - height * 0.1, x + leg, bottom], fill=1)


def draw_debris(draw: ImageDraw.ImageDraw, box: Box, rng: np.random.Generator) -> None:
    """Flat debris: an irregular low polygon."""
    left, top, right, bottom = box
    angles = np.sort(rng.uniform(0, 2 * np.pi, int(rng.integers(6, 11))))
    radii = rng.uniform(0.6, 1.0, len(angles))
    cx, cy = (left + right) / 2, (top + bottom) / 2
    points = [(cx + (right - left) / 2 * r * np.cos(a), cy + (bottom - top) / 2 * r * np.sin(a))
              for a, r in zip(angles, radii)]
    draw.polygon(points, fill=1)


DRAWERS: Dict[str, Callable[[ImageDraw.ImageDraw, Box, np.random.Generator], None]] = {
    'box': draw_box, 'animal': draw_animal, 'debris': draw_debris}


def place(rng: np.random.Generator, sem: np.ndarray, camera: Camera, kind: str,
          ground: Tuple[int, ...]) -> Box:
    """The image box of an object of ``kind`` standing on a pixel of ``ground`` classes.

    Returns an empty box ``(0, 0, 0, 0)`` when no such pixel is in view at the drawn distance.
    """
    height, width = sem.shape
    z = rng.uniform(*DISTANCES)
    row = int(round(camera.horizon + camera.focal * camera.height / z))
    if not 0 <= row < height:
        return (0.0, 0.0, 0.0, 0.0)
    columns = np.flatnonzero(np.isin(sem[row], ground))
    (low_w, high_w), (low_h, high_h) = SIZES[kind]
    size_x = camera.pixels(rng.uniform(low_w, high_w), z)
    size_y = camera.pixels(rng.uniform(low_h, high_h), z)
    if not columns.size or size_x < MIN_WIDTH:
        return (0.0, 0.0, 0.0, 0.0)
    column = float(columns[rng.integers(columns.size)])
    return (column - size_x / 2, row - size_y, column + size_x / 2, float(row))


def paint(image: np.ndarray, shape: np.ndarray, kind: str, rng: np.random.Generator) -> None:
    """Paints one object (``shape``: 1 = body, 2 = lit face) into ``image``, in place, its colour
    shaded by the brightness of what it covers and lightly textured."""
    covered = shape > 0
    color = np.array(COLORS[kind][rng.integers(len(COLORS[kind]))], np.float64)
    color *= rng.uniform(0.85, 1.15)
    light = np.clip(image[covered].mean() / 110.0, 0.25, 1.3)
    texture = rng.normal(1.0, 0.06, (int(covered.sum()), 1))
    shade = np.where(shape[covered] == 2, 1.25, 1.0)[:, None]
    image[covered] = np.clip(color * light * texture * shade, 0, 255).astype(np.uint8)


def add_objects(rng: np.random.Generator, image: np.ndarray, sem: np.ndarray,
                camera: Camera) -> Tuple[np.ndarray, np.ndarray, int]:
    """Paints unknown objects into a rendered scene.

    Returns:
        ``(image, anomaly mask, objects)``: the new image, the mask (1 objects, 0 known, 255
        ignored in ``sem``) and how many objects were drawn (the first always on the road).
    """
    image = image.copy()
    objects = np.zeros(sem.shape, bool)
    count = 0
    wanted = int(rng.integers(OBJECTS[0], OBJECTS[1] + 1))
    for _ in range(8 * wanted):
        if count == wanted:
            break
        kind = KINDS[int(rng.integers(len(KINDS)))]
        ground = ROAD if count == 0 or rng.random() < 0.5 else ROAD + BESIDE
        box = place(rng, sem, camera, kind, ground)
        if box[2] <= box[0]:
            continue
        canvas = Image.new('L', (sem.shape[1], sem.shape[0]), 0)
        DRAWERS[kind](ImageDraw.Draw(canvas), box, rng)
        shape = np.asarray(canvas)
        if not shape.any() or np.isin(sem[shape > 0], AVOIDED).any():
            continue
        paint(image, shape, kind, rng)
        objects |= shape > 0
        count += 1
    anomaly = np.where(sem == IGNORE_INDEX, IGNORE_INDEX, 0).astype(np.uint8)
    anomaly[objects] = 1
    return image, anomaly, count


def write_anomaly_split(writer: SampleWriter, seed: int, count: int) -> Dict[str, int]:
    """Writes ``count`` images of the anomaly split with both masks.

    Returns:
        ``{'images': count, 'objects': n, 'anomaly_pixels': n}``.
    """
    names = NameMaker(make_rng(seed, SPLIT, 'names'))
    objects = pixels = 0
    for index in range(count):
        take = shoot(make_rng(seed, SPLIT, index), index, DET_CLASSES, 0.0, allow_ignored=False)
        frame = take.first_frame
        image, anomaly, drawn = add_objects(make_rng(seed, SPLIT, 'objects', index), frame.image,
                                            frame.sem, take.shot.camera)
        stem = names()
        writer.jpeg(layout.image_10k(SPLIT, stem), image)
        writer.png(layout.sem_seg_mask(SPLIT, stem),
                   np.where(anomaly == 1, IGNORE_INDEX, frame.sem).astype(np.uint8))
        writer.png(anomaly_mask_path(stem), anomaly)
        objects += drawn
        pixels += int((anomaly == 1).sum())
    return {'images': count, 'objects': objects, 'anomaly_pixels': pixels}
