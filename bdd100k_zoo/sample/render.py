"""Rendering one frame of a clip: the image and, pixel-aligned with it, the semantic, instance and
drivable maps, plus how each labelled actor appears in the frame (extent, visible share, joints).
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..labels.categories import SEM_SEG_CLASSES
from ..labels.masks import IGNORE_INDEX
from .actors import Actor, Thing, VehicleActor
from .camera import IMAGE_HEIGHT, IMAGE_WIDTH, Camera
from .canvas import DEPTH_STEP, Canvas, Footprint, Item, Shape
from .conditions import Conditions
from .effects import HAZY, finish
from .population import Cast
from .scenery import DRIVABLE_RANGE, ground_depth_levels, paint_ground, paint_structures
from .world import BACKGROUND, World

ROAD = SEM_SEG_CLASSES.index('road')
SKY = SEM_SEG_CLASSES.index('sky')
TERRAIN = SEM_SEG_CLASSES.index('terrain')
MAX_INSTANCES = 254
#: An actor is ``occluded`` when less than this share of its own pixels is visible.
OCCLUDED_BELOW = 0.8
#: Half size of the window searched for a joint's own pixels (joints sit on thin limbs).
JOINT_WINDOW = 2


@dataclass
class ObjectRecord:
    """A labelled actor as it appears in one frame.

    Attributes:
        actor: the actor.
        instance: its value in the instance map.
        footprint: its full extent (as if nothing hid it).
        visible: pixels of it left visible.
        joints: image positions of a person's 18 joints (``None`` for other actors).
        joint_visible: which joints are in the image and not hidden by something nearer.
    """

    actor: Actor
    instance: int
    footprint: Footprint
    visible: int
    joints: Optional[np.ndarray] = None
    joint_visible: Optional[np.ndarray] = None

    @property
    def occluded(self) -> bool:
        """Whether something nearer hides a good part of it."""
        return self.visible < OCCLUDED_BELOW * self.footprint.pixels

    @property
    def truncated(self) -> bool:
        """Whether the image border cuts it."""
        return self.footprint.truncated


@dataclass
class RenderedFrame:
    """A rendered frame: ``image`` (H x W x 3), ``sem``/``instance``/``drivable`` (H x W), uint8."""

    image: np.ndarray
    sem: np.ndarray
    instance: np.ndarray
    drivable: np.ndarray
    objects: List[ObjectRecord]


def _direct_limit(world: World, cast: Cast, t: float, ego_z: float) -> float:
    """Distance at which the ego lane stops being freely drivable (a vehicle, or a stop line)."""
    lane = world.lanes[world.ego_lane]
    limit = min(DRIVABLE_RANGE, cast.stop_z - ego_z)
    for actor in cast.actors:
        if not isinstance(actor, VehicleActor):
            continue
        placement = actor.placement(t, ego_z)
        along, across = abs(np.cos(placement.yaw)), abs(np.sin(placement.yaw))
        half_z = along * actor.model.length / 2 + across * actor.model.width / 2
        half_s = across * actor.model.length / 2 + along * actor.model.width / 2
        near = placement.z - half_z
        if near > 0 and placement.s + half_s > lane.left and placement.s - half_s < lane.right:
            limit = min(limit, near)
    return max(limit, 0.0)


def _hood(height: float) -> Item:
    """The ego vehicle's bonnet at the bottom of the image (ignored in every label)."""
    xs = np.linspace(0, IMAGE_WIDTH, 33)
    ys = IMAGE_HEIGHT - height * (1 - ((xs - IMAGE_WIDTH / 2) / (IMAGE_WIDTH * 0.75)) ** 2)
    outline = np.concatenate(
        [np.stack([xs, ys], axis=1), [[IMAGE_WIDTH, IMAGE_HEIGHT], [0, IMAGE_HEIGHT]]])
    shine = np.concatenate([np.stack([xs[8:25], ys[8:25] + 4], axis=1),
                            np.stack([xs[24:7:-1], ys[24:7:-1] + 10], axis=1)])
    shapes = [Shape('polygon', outline, (30, 32, 36)),
              Shape('polygon', shine, (70, 74, 80), solid=False)]
    return Item(shapes, IGNORE_INDEX, depth=0.0)


def _joint_visibility(joints: np.ndarray, instance: np.ndarray, index: int) -> np.ndarray:
    """Which joints fall on (or right next to) the person's own visible pixels."""
    visible = np.zeros(len(joints), dtype=bool)
    for k, (x, y) in enumerate(np.round(joints).astype(int)):
        if 0 <= x < IMAGE_WIDTH and 0 <= y < IMAGE_HEIGHT:
            window = instance[max(0, y - JOINT_WINDOW):y + JOINT_WINDOW + 1,
                              max(0, x - JOINT_WINDOW):x + JOINT_WINDOW + 1]
            visible[k] = bool((window == index).any())
    return visible


def _paint_background(canvas: Canvas, world: World, cast: Cast, camera: Camera, t: float,
                      ego_z: float, lamps_on: bool) -> None:
    """Sky, ground, road (with the drivable layer), skyline, buildings and barriers."""
    canvas.sem.paste(SKY, (0, 0, IMAGE_WIDTH, IMAGE_HEIGHT))
    below = np.array([[0, camera.horizon], [IMAGE_WIDTH, camera.horizon],
                      [IMAGE_WIDTH, IMAGE_HEIGHT], [0, IMAGE_HEIGHT]], dtype=float)
    canvas.paint(Item([Shape('polygon', below, world.terrain_color)], TERRAIN, depth=0.0))
    paint_ground(canvas, world, camera, ego_z, _direct_limit(world, cast, t, ego_z))
    rows = ground_depth_levels(camera, DEPTH_STEP)
    canvas.set_depth(np.repeat(rows[:, None], IMAGE_WIDTH, axis=1))
    paint_structures(canvas, world, camera, ego_z, lamps_on)


def _paint_things(canvas: Canvas, things: Sequence[Thing], camera: Camera, t: float,
                  ego_z: float) -> List[Tuple[Actor, int, Footprint, Optional[np.ndarray]]]:
    """Paints props and actors far to near; returns each painted actor with its instance index,
    footprint and joints."""
    drawn = []
    for order, thing in enumerate(things):
        result = thing.draw(t, ego_z, camera)
        if result is not None:
            drawn.append((-result.key, order, thing, result))
    drawn.sort(key=lambda entry: entry[:2])
    painted = []
    for _, _, thing, result in drawn:
        index = 0
        if isinstance(thing, Actor):
            if len(painted) >= MAX_INSTANCES:
                raise RuntimeError(f'more than {MAX_INSTANCES} labelled actors in one frame')
            index = len(painted) + 1
        item = Item(result.shapes, result.sem, result.depth, index)
        canvas.paint(item)
        if index:
            painted.append((thing, index, canvas.footprint(item), result.joints))
    return painted


def render_frame(world: World, cast: Cast, conditions: Conditions, camera: Camera, t: float,
                 rng: np.random.Generator, hood: float = 0.0) -> RenderedFrame:
    """Renders the clip at time ``t``.

    Args:
        world: the static world.
        cast: actors and props.
        conditions: weather, scene and time of day.
        camera: the dashcam.
        t: seconds since the start of the clip.
        rng: randomness of this frame's weather effects.
        hood: height in pixels of the ego bonnet at the bottom (0: none).
    """
    ego_z = cast.ego_speed * t
    canvas = Canvas(depth=conditions.weather in HAZY, glow=conditions.lamps_on)
    _paint_background(canvas, world, cast, camera, t, ego_z, conditions.lamps_on)
    painted = _paint_things(canvas, cast.props + cast.actors, camera, t, ego_z)
    if hood:
        canvas.paint(_hood(hood))
    sem = np.asarray(canvas.sem).copy()
    instance = np.asarray(canvas.instance).copy()
    drivable = np.where(sem == ROAD, np.asarray(canvas.drivable), BACKGROUND).astype(np.uint8)
    image = finish(np.asarray(canvas.rgb), sem, np.asarray(canvas.depth), np.asarray(canvas.glow),
                   conditions, camera, rng)
    counts = np.bincount(instance.ravel(), minlength=MAX_INSTANCES + 2)
    objects = [ObjectRecord(actor, index, footprint, int(counts[index]), joints,
                            None if joints is None else _joint_visibility(joints, instance, index))
               for actor, index, footprint, joints in painted]
    return RenderedFrame(image, sem, instance, drivable, objects)
