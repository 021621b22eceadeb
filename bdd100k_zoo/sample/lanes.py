"""The lane markings of the sample's 100K images, in both official forms.

Every marking the scenery paints (:func:`bdd100k_zoo.sample.scenery.paint_ground`) becomes a
Scalabel ``poly2d`` lane label along the middle of the paint: lane lines between lanes (double
yellow between opposite directions, dashed single white between lanes of the ego's direction, solid
single white elsewhere), the highway edge lines, the road curbs where a sidewalk or verge borders
the road, and at a city intersection the stop line and the two edges of each zebra crossing
(vertical). The lane mask PNG of an image is those labels drawn as the official converter draws
them (:func:`bdd100k_zoo.labels.lane_drawing.draw_lane_mask`), so both forms agree by construction.
"""
import posixpath
from typing import Any, Dict, List, Tuple

import numpy as np

from ..labels.lane_drawing import draw_lane_mask
from . import layout
from .camera import IMAGE_HEIGHT, IMAGE_WIDTH, Camera
from .randomness import NameMaker, make_rng
from .scenery import MARKING_RANGE, _zones
from .shots import shoot
from .stills import DET_CATEGORIES
from .world import World
from .writer import SampleWriter

Label = Dict[str, Any]
#: The lane labels of a split, as the official layout keeps them.
MASK_DIR = 'labels/lane/masks'
#: Points sampled along a marking that follows the road (it bends with the road).
ALONG_POINTS = 12
#: Decimals of the written vertices (pixels).
DECIMALS = 2


def _label(category: str, direction: str, style: str, points: np.ndarray) -> Label:
    """A ``poly2d`` lane label through image ``points`` (an open polyline)."""
    vertices = [[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y in points]
    return {'category': category,
            'attributes': {'laneDirection': direction, 'laneStyle': style},
            'poly2d': [{'vertices': vertices, 'types': 'L' * len(vertices), 'closed': False}]}


def _along(camera: Camera, s: float, z0: float, z1: float) -> np.ndarray:
    """Image points of the road line at ``s`` from ``z0`` to ``z1`` metres ahead."""
    zs = np.geomspace(z0, z1, ALONG_POINTS)
    return camera.project(np.stack([np.full_like(zs, s), np.zeros_like(zs), zs], axis=1))


def _across(camera: Camera, s0: float, s1: float, z: float) -> np.ndarray:
    """Image points of the line across the road at ``z`` from ``s0`` to ``s1`` (straight)."""
    return camera.project(np.array([[s0, 0.0, z], [s1, 0.0, z]]))


def _parallel_markings(world: World) -> List[Tuple[str, str, float]]:
    """``(category, style, s)`` of the markings along the road."""
    markings = []
    for left, right in zip(world.lanes[:-1], world.lanes[1:]):
        if left.direction * right.direction < 0:
            markings.append(('double yellow', 'solid', left.right))
        elif left.direction == right.direction == 1:
            markings.append(('single white', 'dashed', left.right))
        else:
            markings.append(('single white', 'solid', left.right))
    if world.scene == 'highway':
        markings += [('single white', 'solid', world.road_left + 0.3),
                     ('single white', 'solid', world.road_right - 0.3)]
    for side in (-1, 1):
        index = 0 if side < 0 else 1
        if world.sidewalks[index] or world.verges[index]:
            markings.append(('road curb', 'solid', world.edge(side)))
    return markings


def lane_labels(world: World, camera: Camera, ego_z: float = 0.0) -> List[Label]:
    """The ``poly2d`` lane labels of the markings seen from ``ego_z`` (see the module docstring).

    Markings start at the bottom image row and end where the scenery stops painting them; a
    cross street interrupts the ones along the road.
    """
    nearest = float(camera.ground_depth(np.array([IMAGE_HEIGHT - 0.5]))[0])
    labels = []
    for category, style, s in _parallel_markings(world):
        for z0, z1 in _zones(world, ego_z, nearest, MARKING_RANGE):
            labels.append(_label(category, 'parallel', style, _along(camera, s, z0, z1)))
    if world.crossing is not None and world.scene == 'city street':
        near, far = world.crossing[0] - ego_z, world.crossing[1] - ego_z
        left, right = world.road_left + 0.4, world.road_right - 0.4
        for z in (near - 4.5, near - 1.0, far + 1.0, far + 4.5):
            if z > nearest:
                labels.append(_label('crosswalk', 'vertical', 'solid',
                                     _across(camera, left, right, z)))
        same = [lane for lane in world.lanes if lane.direction == 1]
        if near - 5.8 > nearest:
            labels.append(_label('single white', 'vertical', 'solid',
                                 _across(camera, same[0].left, same[-1].right, near - 5.8)))
    for number, label in enumerate(labels):
        label['id'] = str(number)
    return labels


def write_lane_split(writer: SampleWriter, seed: int, split: str, count: int
                     ) -> Dict[str, Dict[str, int]]:
    """Writes the lane masks and ``poly2d`` labels of a split's ``count`` 100K images.

    The images are those of :func:`bdd100k_zoo.sample.stills.write_100k_split` (same names,
    same shots: their scenes are staged again from the same seeds).
    """
    names = NameMaker(make_rng(seed, '100k', split, 'names'))
    frames: List[Label] = []
    for index in range(count):
        take = shoot(make_rng(seed, '100k', split, index), index, DET_CATEGORIES, 0.0,
                     allow_ignored=True)
        stem = names()
        labels = lane_labels(take.world, take.shot.camera)
        writer.png(posixpath.join(MASK_DIR, split, f'{stem}.png'),
                   draw_lane_mask(labels, (IMAGE_HEIGHT, IMAGE_WIDTH)))
        frames.append({'name': f'{stem}.jpg', 'labels': labels})
    writer.json(layout.polygons('lane', split), frames)
    return {'lane': {'images': count, 'labels': sum(len(frame['labels']) for frame in frames)}}

