"""Painting the static world behind the actors: skyline, ground, road markings, drivable area,
buildings and barriers.

Ground strips are polygons over sampled distances, so they follow the road's bend; buildings and
barriers are solids. The drivable layer gets the lanes' classes (the direct lane only up to
``direct_limit``, where a vehicle or a red light stops the ego vehicle).
"""
from functools import lru_cache
from typing import List, Tuple

import numpy as np

from ..labels.categories import SEM_SEG_CLASSES
from .camera import IMAGE_HEIGHT, IMAGE_WIDTH, Camera
from .canvas import Canvas, Color, Item, Shape
from .solids import Decal, Face, Placement, box, make_face, rect, render_faces
from .world import ALTERNATIVE, DIRECT, Barrier, Building, World

SEM = {name: index for index, name in enumerate(SEM_SEG_CLASSES)}
WHITE_PAINT: Color = (225, 225, 218)
YELLOW_PAINT: Color = (225, 185, 45)
WINDOW: Color = (55, 65, 80)
LIT_WINDOW: Color = (255, 215, 140)
DOOR: Color = (90, 60, 40)
#: The ground is drawn from just below the image to this distance.
NEAR_GROUND, FAR_GROUND = 1.0, 400.0
SAMPLES = 28
#: Distance up to which lane lines are painted, and up to which drivable areas are labelled.
MARKING_RANGE, DRIVABLE_RANGE = 200.0, 120.0
#: How far the cross street reaches sideways.
CROSS_STREET_REACH = 200.0


def _depths(z0: float, z1: float) -> np.ndarray:
    z0, z1 = max(z0, NEAR_GROUND), min(z1, FAR_GROUND)
    if z1 <= z0:
        return np.zeros(0)
    return np.geomspace(z0, z1, SAMPLES)


def ground_strip(camera: Camera, s0: float, s1: float, z0: float, z1: float,
                 color: Color = (0, 0, 0)) -> List[Shape]:
    """The ground between lateral positions ``s0..s1`` and camera-relative distances ``z0..z1``."""
    zs = _depths(z0, z1)
    if not len(zs):
        return []
    left = np.stack([np.full_like(zs, s0), np.zeros_like(zs), zs], axis=1)
    right = np.stack([np.full_like(zs, s1), np.zeros_like(zs), zs], axis=1)[::-1]
    return [Shape('polygon', camera.project(np.concatenate([left, right])), color)]


def _paint_ground(canvas: Canvas, shapes: List[Shape], sem: str) -> None:
    canvas.paint(Item(shapes, SEM[sem], depth=0.0))


def _skyline(canvas: Canvas, world: World, camera: Camera) -> None:
    profile = np.asarray(world.skyline_profile)
    columns = np.linspace(0, IMAGE_WIDTH, len(profile) + 1)
    if world.skyline == 'buildings':
        xs = np.repeat(columns, 2)[1:-1]
        ys = camera.horizon + 2 - np.repeat(profile, 2)
        color, sem = (120, 125, 135), 'building'
    else:
        xs = (columns[:-1] + columns[1:]) / 2
        ys = camera.horizon + 2 - profile * 0.6
        color, sem = (70, 95, 60), 'vegetation'
    points = np.concatenate([[[0, camera.horizon + 2]], np.stack([xs, ys], axis=1),
                             [[IMAGE_WIDTH, camera.horizon + 2]]])
    canvas.paint(Item([Shape('polygon', points, color)], SEM[sem], depth=FAR_GROUND))


def _zones(world: World, ego_z: float, z0: float, z1: float) -> List[Tuple[float, float]]:
    """``z0..z1`` (camera-relative) minus the cross street and its sidewalks."""
    if world.crossing is None:
        return [(z0, z1)]
    margin = max(world.sidewalks)
    near, far = world.crossing[0] - margin - ego_z, world.crossing[1] + margin - ego_z
    return [(a, b) for a, b in ((z0, min(z1, near)), (max(z0, far), z1)) if b > a]


def _dashes(ego_z: float, period: float, length: float, z0: float,
            z1: float) -> List[Tuple[float, float]]:
    """Camera-relative extents of the dashes (one per ``period`` metres of road) in ``z0..z1``."""
    first = np.floor((ego_z + z0) / period) * period
    starts = np.arange(first, ego_z + z1, period) - ego_z
    return [(float(max(a, z0)), float(min(a + length, z1))) for a in starts
            if a < z1 and a + length > z0]


def _markings(canvas: Canvas, world: World, camera: Camera, ego_z: float) -> None:
    """Lane lines (dashed white, double yellow, solid edges), zebra crossings and the stop line."""
    strips: List[Shape] = []
    period, dash = (15.0, 4.5) if world.scene == 'highway' else (12.0, 3.0)
    for left, right in zip(world.lanes[:-1], world.lanes[1:]):
        s = left.right
        for z0, z1 in _zones(world, ego_z, NEAR_GROUND, MARKING_RANGE):
            if left.direction * right.direction < 0:
                strips += ground_strip(camera, s - 0.2, s - 0.08, z0, z1, YELLOW_PAINT)
                strips += ground_strip(camera, s + 0.08, s + 0.2, z0, z1, YELLOW_PAINT)
            elif left.direction == right.direction == 1:
                for a, b in _dashes(ego_z, period, dash, z0, z1):
                    strips += ground_strip(camera, s - 0.07, s + 0.07, a, b, WHITE_PAINT)
            else:
                strips += ground_strip(camera, s - 0.06, s + 0.06, z0, z1, WHITE_PAINT)
    if world.scene == 'highway':
        for s in (world.road_left + 0.3, world.road_right - 0.3):
            strips += ground_strip(camera, s - 0.1, s + 0.1, NEAR_GROUND, MARKING_RANGE,
                                   WHITE_PAINT)
    if world.crossing is not None and world.scene == 'city street':
        near, far = world.crossing[0] - ego_z, world.crossing[1] - ego_z
        for z0, z1 in ((near - 4.5, near - 1.0), (far + 1.0, far + 4.5)):
            for s in np.arange(world.road_left + 0.4, world.road_right - 0.4, 1.2):
                strips += ground_strip(camera, s, s + 0.6, z0, z1, WHITE_PAINT)
        same = [lane for lane in world.lanes if lane.direction == 1]
        strips += ground_strip(camera, same[0].left, same[-1].right, near - 6.0, near - 5.6,
                               WHITE_PAINT)
    _paint_ground(canvas, strips, 'road')


def _paint_roadsides(canvas: Canvas, world: World, camera: Camera, ego_z: float) -> None:
    """Verges and sidewalks along both sides of the road (interrupted by a cross street)."""
    for side in (-1, 1):
        edge = world.edge(side)
        inner, outer = world.sidewalk(side)
        for z0, z1 in _zones(world, ego_z, NEAR_GROUND, FAR_GROUND):
            if world.verges[0 if side < 0 else 1]:
                verge = ground_strip(camera, edge, inner, z0, z1, world.terrain_color)
                _paint_ground(canvas, verge, 'terrain')
            if inner != outer:
                sidewalk = ground_strip(camera, inner, outer, z0, z1, world.sidewalk_color)
                _paint_ground(canvas, sidewalk, 'sidewalk')


def _paint_cross_street(canvas: Canvas, world: World, camera: Camera, ego_z: float) -> None:
    """The cross street (an alternative drivable area) and the sidewalks along it."""
    near, far = world.crossing[0] - ego_z, world.crossing[1] - ego_z
    margin = max(world.sidewalks)
    reach = CROSS_STREET_REACH
    for s0, s1 in ((-reach, world.road_left), (world.road_right, reach)):
        for z0, z1 in ((near - margin, near), (far, far + margin)):
            _paint_ground(canvas, ground_strip(camera, s0, s1, z0, z1, world.sidewalk_color),
                          'sidewalk')
    crossing = ground_strip(camera, -reach, reach, near, far, world.road_color)
    _paint_ground(canvas, crossing, 'road')
    canvas.paint_drivable(crossing, ALTERNATIVE)


def paint_ground(canvas: Canvas, world: World, camera: Camera, ego_z: float,
                 direct_limit: float) -> None:
    """Paints sidewalks, verges, the road with its markings, and the drivable layer."""
    _paint_roadsides(canvas, world, camera, ego_z)
    if world.crossing is not None:
        _paint_cross_street(canvas, world, camera, ego_z)
    road = ground_strip(camera, world.road_left, world.road_right, NEAR_GROUND, FAR_GROUND,
                        world.road_color)
    _paint_ground(canvas, road, 'road')
    for lane in world.lanes:
        reach = {DIRECT: direct_limit, ALTERNATIVE: DRIVABLE_RANGE}.get(lane.drivable)
        if reach is not None:
            lane_area = ground_strip(camera, lane.left, lane.right, NEAR_GROUND, reach)
            canvas.paint_drivable(lane_area, lane.drivable)
    _markings(canvas, world, camera, ego_z)


def _window_decals(building: Building, length: float, lit: bool) -> Tuple[List[Decal], List[Decal]]:
    """Window decals for the long road-facing face and the short end face."""
    floor_height = 3.0 if building.house else 3.4
    floors = max(1, int(building.height / floor_height))
    pattern = np.random.default_rng(building.window_seed)
    decals = []
    for extent, spacing in ((length, 4.0 if building.house else 3.2), (building.depth, 3.2)):
        columns = max(1, int(extent / spacing))
        lit_mask = pattern.random((floors, columns)) < (building.lit_windows if lit else 0.0)
        face = []
        for floor in range(floors):
            for column in range(columns):
                on = bool(lit_mask[floor, column])
                face.append(Decal(rect((column + 0.25) / columns, (floor + 0.3) / floors,
                                       (column + 0.75) / columns, (floor + 0.8) / floors),
                                  LIT_WINDOW if on else WINDOW, glow=on))
        decals.append(face)
    return decals[0], decals[1]


def _roof(building: Building, x0: float, x1: float, z0: float, z1: float) -> List[Face]:
    """A gable roof along the road on top of a house."""
    rise = 0.35 * (x1 - x0)
    y0, y1, xm = building.height, building.height + rise, (x0 + x1) / 2
    inside = (xm, building.height + rise / 3, (z0 + z1) / 2)
    slopes = ([(x0, y0, z1), (x0, y0, z0), (xm, y1, z0), (xm, y1, z1)],
              [(x1, y0, z0), (x1, y0, z1), (xm, y1, z1), (xm, y1, z0)])
    gables = ([(x0, y0, z0), (x1, y0, z0), (xm, y1, z0)],
              [(x1, y0, z1), (x0, y0, z1), (xm, y1, z1)])
    return ([make_face(slope, building.roof, inside) for slope in slopes]
            + [make_face(gable, building.color, inside) for gable in gables])


@lru_cache(maxsize=512)
def _building_faces(building: Building, lit: bool) -> Tuple[Face, ...]:
    """The faces of a building in world coordinates (cached: buildings never change)."""
    side = 1 if building.front > 0 else -1
    x0, x1 = sorted((building.front, building.front + side * building.depth))
    z0, z1 = building.z0, building.z1
    faces = box(x0, x1, 0.0, building.height, z0, z1, building.color, top=False)
    facade = faces['left' if side > 0 else 'right']  # the face towards the road
    along, end = _window_decals(building, z1 - z0, lit)
    facade.decals += along
    faces['rear'].decals += end
    if building.house:
        facade.decals.append(Decal(rect(0.45, 0.0, 0.55, 0.45), DOOR))
        return tuple(faces.values()) + tuple(_roof(building, x0, x1, z0, z1))
    return tuple(faces.values())


@lru_cache(maxsize=64)
def _barrier_faces(barrier: Barrier) -> Tuple[Face, ...]:
    """The faces of a wall or fence in world coordinates (cached)."""
    half = 0.3 if barrier.kind == 'wall' else 0.05
    bottom = 0.0 if barrier.kind == 'wall' or barrier.height > 0.9 else 0.45
    faces = box(barrier.s - half, barrier.s + half, bottom, barrier.height, barrier.z0, barrier.z1,
                barrier.color)
    return tuple(faces.values())


def paint_structures(canvas: Canvas, world: World, camera: Camera, ego_z: float, lit: bool) -> None:
    """Paints the skyline, then buildings and barriers far to near."""
    _skyline(canvas, world, camera)
    items = []
    for building in world.buildings:
        if building.z1 - ego_z < 0.5 or building.z0 - ego_z > FAR_GROUND:
            continue
        shapes = render_faces(_building_faces(building, lit), Placement(0.0, -ego_z), camera)
        distance = float(np.hypot(building.front, max(building.z0 - ego_z, 0.0)))
        items.append((distance, Item(shapes, SEM['building'], depth=distance)))
    for barrier in world.barriers:
        shapes = render_faces(_barrier_faces(barrier), Placement(0.0, -ego_z), camera)
        distance = abs(barrier.s)
        items.append((distance, Item(shapes, SEM['wall' if barrier.kind == 'wall' else 'fence'],
                                     depth=distance)))
    for _, item in sorted(items, key=lambda entry: -entry[0]):
        canvas.paint(item)


def ground_depth_levels(camera: Camera, step: float) -> np.ndarray:
    """Depth-layer level of the flat ground for every image row (255 at and above the horizon)."""
    depth = camera.ground_depth(np.arange(IMAGE_HEIGHT) + 0.5)
    return np.where(np.isfinite(depth), np.minimum(depth / step, 254), 255).astype(np.uint8)
