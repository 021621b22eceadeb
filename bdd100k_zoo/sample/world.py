"""The static world of one image or video: road, lanes, roadside, buildings, trees, lamps, barriers.

Positions are world road coordinates: ``s`` metres to the right of the ego lane centre, ``z`` metres
along the road from where the ego vehicle starts (the camera moves forward along ``z`` in videos).
Three scene types are built, matching BDD100K ``scene`` tags: ``city street`` (tall buildings at the
sidewalk, an intersection with traffic lights, parking lanes), ``residential`` (a two-lane street,
lawns, houses, trees, parked cars) and ``highway`` (several lanes one way, a median wall, guard
rails, forest).
"""
from dataclasses import dataclass, field
from typing import List, NamedTuple, Optional, Tuple

import numpy as np

from .canvas import Color
from .randomness import pick_color

#: Scene tags the generator renders (a subset of TAGGING_ATTRIBUTES['scene']).
SCENES: Tuple[str, ...] = ('city street', 'residential', 'highway')
SCENE_WEIGHTS: Tuple[float, ...] = (0.5, 0.25, 0.25)

DIRECT, ALTERNATIVE, BACKGROUND = 0, 1, 2

BUILDING_COLORS: Tuple[Color, ...] = (
    (150, 90, 70), (190, 175, 150), (120, 120, 125), (210, 205, 195), (95, 100, 115),
    (170, 140, 110), (140, 150, 160), (200, 185, 160))
HOUSE_COLORS: Tuple[Color, ...] = ((235, 230, 215), (200, 180, 150), (170, 190, 200),
                                   (220, 200, 170), (180, 110, 90), (150, 160, 140))
ROOF_COLORS: Tuple[Color, ...] = ((80, 60, 55), (60, 60, 65), (140, 70, 50), (100, 90, 80))
SIDEWALK_COLORS: Tuple[Color, ...] = ((175, 170, 165), (160, 160, 160), (190, 180, 165))
TERRAIN_COLORS: Tuple[Color, ...] = ((95, 135, 60), (120, 140, 70), (140, 130, 80))
FENCE_COLORS: Tuple[Color, ...] = ((235, 235, 230), (140, 100, 70))
#: Odds of a cross street ahead, per scene type.
CROSSING_ODDS = {'city street': 0.6, 'residential': 0.3, 'highway': 0.0}
#: Tallest point of the distant skyline (pixels above the horizon) and how many steps it has.
SKYLINE_HEIGHT = {'city street': 70.0, 'residential': 30.0, 'highway': 30.0}
SKYLINE_STEPS = 48
TREE_COLORS: Tuple[Color, ...] = ((55, 105, 40), (70, 120, 45), (45, 90, 50), (90, 130, 50),
                                  (120, 120, 40))


class BuildingSizes(NamedTuple):
    """Size ranges (metres) of a kind of building; ``gap_odds``: chance of a gap to the next one."""

    setback: Tuple[float, float]
    length: Tuple[float, float]
    gap: Tuple[float, float]
    gap_odds: float
    stagger: Tuple[float, float]
    depth: Tuple[float, float]
    height: Tuple[float, float]


HOUSE_SIZES = BuildingSizes(setback=(6.0, 10.0), length=(9.0, 15.0), gap=(5.0, 12.0), gap_odds=1.0,
                            stagger=(0.0, 2.0), depth=(8.0, 12.0), height=(3.5, 6.0))
BLOCK_SIZES = BuildingSizes(setback=(0.0, 0.6), length=(12.0, 35.0), gap=(0.0, 3.0), gap_odds=0.3,
                            stagger=(0.0, 0.0), depth=(15.0, 25.0), height=(8.0, 32.0))


@dataclass(frozen=True)
class Lane:
    """A strip of the main road.

    Attributes:
        left: ``s`` of its left edge.
        right: ``s`` of its right edge.
        direction: +1 driven the ego's way, -1 oncoming, 0 parking.
        drivable: its class in the drivable map when clear (direct, alternative or background).
    """

    left: float
    right: float
    direction: int
    drivable: int

    @property
    def centre(self) -> float:
        """``s`` of the lane centre."""
        return (self.left + self.right) / 2


@dataclass(frozen=True)
class Building:
    """A building block (or a house with a gable roof) beside the road."""

    front: float
    depth: float
    z0: float
    z1: float
    height: float
    color: Color
    house: bool
    roof: Color = (0, 0, 0)
    lit_windows: float = 0.0
    window_seed: int = 0


@dataclass(frozen=True)
class Tree:
    """A tree: trunk and a clustered crown."""

    s: float
    z: float
    trunk: float
    crown: float
    color: Color


@dataclass(frozen=True)
class Barrier:
    """A continuous wall (median barrier) or fence (guard rail, picket fence) along the road."""

    s: float
    z0: float
    z1: float
    height: float
    kind: str
    color: Color


@dataclass
class World:
    """Everything static in a scene.

    Attributes:
        scene: the BDD100K scene tag.
        lanes: main-road lanes, left to right.
        ego_lane: index of the ego lane in ``lanes``.
        sidewalks: sidewalk width on the left and right (0 for none).
        verges: grass strip between road and sidewalk (left, right).
        crossing: ``(z_near, z_far)`` of a cross street, or ``None``.
        buildings, trees, barriers: roadside structures.
        lamps: street lamps ``(s, z, height, reach)``.
        skyline: ``'buildings'`` or ``'trees'`` on the horizon.
        skyline_profile: heights (pixels above the horizon) of the skyline across the image.
        road_color, sidewalk_color, terrain_color: ground colours.
    """

    scene: str
    lanes: List[Lane]
    ego_lane: int
    sidewalks: Tuple[float, float]
    verges: Tuple[float, float]
    crossing: Optional[Tuple[float, float]]
    skyline: str
    skyline_profile: Tuple[float, ...]
    road_color: Color
    sidewalk_color: Color
    terrain_color: Color
    buildings: List[Building] = field(default_factory=list)
    trees: List[Tree] = field(default_factory=list)
    barriers: List[Barrier] = field(default_factory=list)
    lamps: List[Tuple[float, float, float, float]] = field(default_factory=list)

    @property
    def road_left(self) -> float:
        """``s`` of the left road edge."""
        return self.lanes[0].left

    @property
    def road_right(self) -> float:
        """``s`` of the right road edge."""
        return self.lanes[-1].right

    def edge(self, side: int) -> float:
        """``s`` of the road edge on ``side`` (-1 left, +1 right)."""
        return self.road_left if side < 0 else self.road_right

    def sidewalk(self, side: int) -> Tuple[float, float]:
        """``(inner, outer)`` ``s`` of the sidewalk on ``side`` (equal if there is none)."""
        index = 0 if side < 0 else 1
        inner = self.edge(side) + side * self.verges[index]
        return inner, inner + side * self.sidewalks[index]

    def in_crossing(self, z: float, margin: float = 0.0) -> bool:
        """Whether world ``z`` lies on the cross street (widened by ``margin``)."""
        return self.crossing is not None and (
            self.crossing[0] - margin <= z <= self.crossing[1] + margin)


def _lanes(rng: np.random.Generator, scene: str) -> Tuple[List[Lane], int]:
    """Lanes left to right, positioned so the ego lane is centred on ``s = 0``."""
    width = rng.uniform(3.2, 3.7)
    if scene == 'highway':
        same = int(rng.integers(3, 5))
        ego = int(rng.integers(same))
        kinds = [(1, ALTERNATIVE)] * same
    elif scene == 'residential':
        kinds = [(-1, BACKGROUND), (1, ALTERNATIVE)]
        ego = 1
        if rng.random() < 0.6:
            kinds = [(0, BACKGROUND)] + kinds + [(0, BACKGROUND)]
            ego = 2
    else:
        oncoming, same = int(rng.integers(1, 3)), int(rng.integers(1, 3))
        kinds = [(-1, BACKGROUND)] * oncoming + [(1, ALTERNATIVE)] * same
        ego = oncoming + int(rng.integers(same))
        if rng.random() < 0.7:
            kinds = kinds + [(0, BACKGROUND)]
    widths = [2.4 if direction == 0 else width for direction, _ in kinds]
    edges = np.concatenate([[0.0], np.cumsum(widths)])
    shift = (edges[ego] + edges[ego + 1]) / 2 + rng.uniform(-0.3, 0.3)
    lanes = [Lane(float(edges[i] - shift), float(edges[i + 1] - shift), direction,
                  DIRECT if i == ego else drivable)
             for i, (direction, drivable) in enumerate(kinds)]
    return lanes, ego


def _row_of_buildings(rng: np.random.Generator, world: World, side: int, z_start: float,
                      z_end: float, night: bool) -> None:
    """Office blocks along the sidewalk (city) or houses set back behind lawns (residential)."""
    house = world.scene == 'residential'
    sizes = HOUSE_SIZES if house else BLOCK_SIZES
    front = world.sidewalk(side)[1] + side * rng.uniform(*sizes.setback)
    z = z_start + rng.uniform(-5.0, 5.0)
    while z < z_end:
        length = rng.uniform(*sizes.length)
        gap = rng.uniform(*sizes.gap) if rng.random() < sizes.gap_odds else 0.0
        if not world.in_crossing(z, 8.0) and not world.in_crossing(z + length, 8.0):
            world.buildings.append(Building(
                front=float(front + side * rng.uniform(*sizes.stagger)),
                depth=float(rng.uniform(*sizes.depth)), z0=float(z), z1=float(z + length),
                height=float(rng.uniform(*sizes.height)),
                color=pick_color(rng, HOUSE_COLORS if house else BUILDING_COLORS), house=house,
                roof=pick_color(rng, ROOF_COLORS),
                lit_windows=float(rng.uniform(0.2, 0.6)) if night else 0.0,
                window_seed=int(rng.integers(2 ** 31))))
        z += length + gap


def _trees(rng: np.random.Generator, world: World, side: int, z_start: float, z_end: float,
           spacing: Tuple[float, float], offset: Tuple[float, float]) -> None:
    """A row of trees beyond the sidewalk (or the road edge), ``offset`` metres out."""
    z = z_start + rng.uniform(0.0, spacing[1])
    base = world.sidewalk(side)[1] if world.sidewalks[0 if side < 0 else 1] else world.edge(side)
    while z < z_end:
        if not world.in_crossing(z, 4.0):
            world.trees.append(Tree(
                s=float(base + side * rng.uniform(*offset)), z=float(z),
                trunk=float(rng.uniform(1.5, 3.0)), crown=float(rng.uniform(1.5, 3.2)),
                color=pick_color(rng, TREE_COLORS)))
        z += rng.uniform(*spacing)


Pair = Tuple[float, float]


def _roadsides(rng: np.random.Generator, scene: str) -> Tuple[Pair, Pair, float]:
    """Sidewalk widths and verge widths (left, right), and where a cross street would begin."""
    if scene == 'city street':
        return ((float(rng.uniform(2.5, 5.0)), float(rng.uniform(2.5, 5.0))), (0.0, 0.0),
                float(rng.uniform(18.0, 34.0)))
    if scene == 'residential':
        return ((float(rng.uniform(1.5, 2.2)), float(rng.uniform(1.5, 2.2))),
                (float(rng.uniform(0.8, 2.0)), float(rng.uniform(0.8, 2.0))),
                float(rng.uniform(20.0, 40.0)))
    return (0.0, 0.0), (float(rng.uniform(0.5, 1.0)), float(rng.uniform(2.5, 3.5))), 0.0


def _street_lamps(rng: np.random.Generator, world: World, side: int, z_start: float,
                  z_end: float) -> None:
    """Street lamps along the curb, their arms reaching over the road."""
    reach = -side * rng.uniform(1.5, 2.5)
    z = z_start + rng.uniform(0.0, 25.0)
    while z < z_end:
        if not world.in_crossing(z, 3.0):
            world.lamps.append((world.edge(side) + side * 0.5, float(z), 8.0, float(reach)))
        z += rng.uniform(22.0, 30.0)


def build_world(rng: np.random.Generator, scene: str, z_end: float, night: bool,
                with_crossing: Optional[bool] = None) -> World:
    """Samples a world of ``scene`` type covering ``z`` in ``[-20, z_end]``.

    Args:
        rng: the random stream.
        scene: one of :data:`SCENES`.
        z_end: how far along the road the world must reach.
        night: whether building windows light up.
        with_crossing: force (or forbid) a cross street ahead; by default it depends on the scene
            (never on highways).
    """
    lanes, ego = _lanes(rng, scene)
    if with_crossing is None:
        with_crossing = bool(rng.random() < CROSSING_ODDS[scene])
    sidewalks, verges, crossing_z = _roadsides(rng, scene)
    crossing = None
    if with_crossing and scene != 'highway':
        crossing = (crossing_z, crossing_z + float(rng.uniform(12.0, 16.0)))
    grey = int(rng.uniform(70, 100))
    skyline = rng.uniform(8.0, SKYLINE_HEIGHT[scene], SKYLINE_STEPS)
    world = World(scene=scene, lanes=lanes, ego_lane=ego, sidewalks=sidewalks, verges=verges,
                  crossing=crossing, skyline='buildings' if scene == 'city street' else 'trees',
                  skyline_profile=tuple(float(height) for height in skyline),
                  road_color=(grey, grey, grey + 4),
                  sidewalk_color=pick_color(rng, SIDEWALK_COLORS),
                  terrain_color=pick_color(rng, TERRAIN_COLORS))
    z_start = -20.0
    if scene == 'highway':
        world.barriers += [
            Barrier(world.road_left - 0.6, z_start, z_end, 1.0, 'wall', (170, 168, 160)),
            Barrier(world.road_right + 0.3, z_start, z_end, 0.8, 'fence', (160, 160, 165))]
        for side in (-1, 1):
            _trees(rng, world, side, z_start, z_end, (3.0, 7.0), (8.0, 25.0))
        return world
    for side in (-1, 1):
        _row_of_buildings(rng, world, side, z_start, z_end, night)
        if scene == 'residential':
            _trees(rng, world, side, z_start, z_end, (8.0, 18.0), (0.5, 4.0))
            if rng.random() < 0.4:
                outer = world.sidewalk(side)[1] + side * 0.3
                world.barriers.append(Barrier(outer, z_start, z_end, rng.uniform(0.8, 1.2), 'fence',
                                              pick_color(rng, FENCE_COLORS)))
        else:
            if rng.random() < 0.5:
                _trees(rng, world, side, z_start, z_end, (10.0, 20.0), (-1.2, -0.6))
            _street_lamps(rng, world, side, z_start, z_end)
    return world
