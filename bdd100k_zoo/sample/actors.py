"""Things in a scene that are drawn in depth order: labelled actors (vehicles, people, riders,
crowds, traffic lights and signs) and unlabelled props (poles, lamps, trees).

Each thing has a world motion; :meth:`Thing.draw` gives its shapes for a time and ego position, with
a depth key (ground distance from the camera to its nearest point) that orders painting.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..labels.categories import SEM_SEG_CLASSES, SEM_TO_INS_CLASS
from ..labels.masks import IGNORE_INDEX
from .camera import NEAR_PLANE, Camera
from .canvas import Color, Shape
from .figures import (Outfit, Posture, cycling, figure_shapes, motorcycling, seated, skeleton,
                      walking)
from .solids import Face, Placement, render_faces
from .vehicles import VehicleModel

#: Semantic class id of each label category painted in sem_seg scenes.
_INS_TO_SEM = {ins: sem for sem, ins in SEM_TO_INS_CLASS.items()}
VEGETATION = SEM_SEG_CLASSES.index('vegetation')
#: Metres a person covers in one gait cycle, per metre of height.
STRIDE_PER_HEIGHT = 0.8
#: Metres a bicycle covers per turn of the pedals.
PEDAL_STRIDE = 4.5
#: Vehicles and people farther than this are not drawn (a few pixels at most).
MAX_DISTANCE = 150.0
#: People closer than this are not drawn (they would fill the view, partly behind the camera).
MIN_PERSON_DISTANCE = 1.5


def sem_id(category: str) -> int:
    """The sem_seg class id painted for a category (255 for categories sem_seg does not have)."""
    name = _INS_TO_SEM.get(category, category)
    return SEM_SEG_CLASSES.index(name) if name in SEM_SEG_CLASSES else IGNORE_INDEX


@dataclass(frozen=True)
class Motion:
    """Straight motion at constant speed along the heading ``yaw`` (0: along the road)."""

    s: float
    z: float
    yaw: float = 0.0
    speed: float = 0.0

    def placement(self, t: float, ego_z: float) -> Placement:
        """Where the thing is at time ``t``, relative to the camera at world ``ego_z``."""
        travelled = self.speed * t
        return Placement(self.s + travelled * np.sin(self.yaw),
                         self.z + travelled * np.cos(self.yaw) - ego_z, self.yaw)


@dataclass
class Drawn:
    """A thing drawn at one moment.

    Attributes:
        shapes: its shapes, back to front.
        sem: semantic class id of its pixels.
        key: painting order key (larger is painted first).
        depth: representative distance (for the depth layer).
        joints: image coordinates of a pedestrian's 18 joints.
    """

    shapes: List[Shape]
    sem: int
    key: float
    depth: float
    joints: Optional[np.ndarray] = None


def _ground_distance(placement: Placement, half_length: float, half_width: float) -> float:
    """Distance from the camera to the nearest point of a rectangular footprint."""
    corners = np.array([[x, 0.0, z] for x in (-half_width, half_width)
                        for z in (-half_length, half_length)])
    points = placement.apply(corners)
    s0, s1 = points[:, 0].min(), points[:, 0].max()
    z0, z1 = points[:, 2].min(), points[:, 2].max()
    ds = 0.0 if s0 <= 0.0 <= s1 else min(abs(s0), abs(s1))
    dz = 0.0 if z0 <= 0.0 <= z1 else min(abs(z0), abs(z1))
    return float(np.hypot(ds, dz))


class Thing:
    """Something painted in depth order."""

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        """Its shapes at time ``t`` seen from ``ego_z``, or ``None`` if it cannot be seen."""
        raise NotImplementedError


@dataclass(kw_only=True)
class Actor(Thing):
    """A labelled thing: category and a track id stable over a video."""

    track_id: int
    category: str

    @property
    def crowd(self) -> bool:
        """Whether the label stands for a group (``crowd`` attribute)."""
        return False

    def attributes(self) -> Dict[str, object]:
        """Extra label attributes (the traffic light colour)."""
        return {}


@dataclass(kw_only=True)
class Prop(Thing):
    """An unlabelled solid thing (pole, lamp, arm) of one semantic class."""

    faces: List[Face]
    motion: Motion
    sem: int
    half_extent: Tuple[float, float] = (0.2, 0.2)
    order_bias: float = 0.0

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        placement = self.motion.placement(t, ego_z)
        if placement.z < NEAR_PLANE - self.half_extent[0]:
            return None
        shapes = render_faces(self.faces, placement, camera)
        if not shapes:
            return None
        key = _ground_distance(placement, *self.half_extent) + self.order_bias
        return Drawn(shapes, self.sem, key, max(placement.z, NEAR_PLANE))


@dataclass(kw_only=True)
class TreeProp(Thing):
    """A tree: a trunk and a crown of overlapping blobs."""

    s: float
    z: float
    trunk: float
    crown: float
    color: Color
    blobs: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        z = self.z - ego_z
        if z < 2.0:
            return None
        base = camera.project(
            np.array([[self.s, 0.0, z], [self.s, self.trunk + self.crown * 0.3, z]]))
        trunk_width = max(2, int(round(camera.pixels(0.3, z))))
        shapes = [Shape('line', base, (75, 58, 40), width=trunk_width)]
        for dx, dy, scale, shade in self.blobs:
            centre = camera.project(np.array([[self.s + dx * self.crown,
                                               self.trunk + self.crown * (1 + dy), z]]))[0]
            radius = camera.pixels(self.crown * scale, z)
            color = tuple(int(min(255, c * shade)) for c in self.color)
            shapes.append(Shape('ellipse', np.array([centre - radius, centre + radius]), color))
        return Drawn(shapes, VEGETATION, float(np.hypot(self.s, z)), z)


@dataclass(kw_only=True)
class VehicleActor(Actor):
    """A vehicle (or bike) following a motion."""

    model: VehicleModel
    motion: Motion

    def placement(self, t: float, ego_z: float) -> Placement:
        """Where the vehicle is."""
        return self.motion.placement(t, ego_z)

    def key(self, placement: Placement) -> float:
        """Painting order key at a placement."""
        return _ground_distance(placement, self.model.length / 2, self.model.width / 2)

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        placement = self.placement(t, ego_z)
        reach = self.model.length / 2 + self.model.width / 2
        if placement.z + reach < NEAR_PLANE or placement.z > MAX_DISTANCE:
            return None
        shapes = render_faces(self.model.faces, placement, camera)
        for points, thickness, color in self.model.lines:
            world = placement.apply(points)
            if (world[:, 2] < NEAR_PLANE).any():
                continue
            width = max(1, int(round(camera.pixels(thickness, float(world[:, 2].mean())))))
            shapes.append(Shape('line', camera.project(world), color, width=width))
        if not shapes:
            return None
        return Drawn(shapes, sem_id(self.category), self.key(placement),
                     max(placement.z, NEAR_PLANE))


def _person_posture(gait: str, phase: float, rest: Optional[Posture]) -> Posture:
    if gait == 'walk':
        return walking(phase)
    if gait == 'sit':
        return seated()
    return rest


@dataclass(kw_only=True)
class PersonActor(Actor):
    """A pedestrian (walking or standing) or an 'other person' (seated)."""

    height: float
    outfit: Outfit
    motion: Motion
    gait: str = 'walk'
    phase: float = 0.0
    rest: Optional[Posture] = None

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        placement = self.motion.placement(t, ego_z)
        if not MIN_PERSON_DISTANCE <= placement.z <= MAX_DISTANCE:
            return None
        phase = self.phase + 2 * np.pi * self.motion.speed * t / (STRIDE_PER_HEIGHT * self.height)
        local = skeleton(self.height, _person_posture(self.gait, phase, self.rest))
        world = placement.apply(local)
        if (world[:, 2] < NEAR_PLANE).any():
            return None
        shapes = figure_shapes(local, placement, self.height, self.outfit, camera)
        return Drawn(shapes, sem_id(self.category), _ground_distance(placement, 0.2, 0.25),
                     placement.z, joints=camera.project(world))


@dataclass(kw_only=True)
class RiderActor(Actor):
    """A person riding a bike: drawn on the bike's seat, just in front of it."""

    bike: VehicleActor
    height: float
    outfit: Outfit
    phase: float = 0.0

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        placement = self.bike.placement(t, ego_z)
        if not MIN_PERSON_DISTANCE <= placement.z <= MAX_DISTANCE:
            return None
        if self.bike.category == 'bicycle':
            posture = cycling(self.phase + 2 * np.pi * self.bike.motion.speed * t / PEDAL_STRIDE)
        else:
            posture = motorcycling()
        local = skeleton(self.height, posture, pelvis=self.bike.model.seat)
        if (placement.apply(local)[:, 2] < NEAR_PLANE).any():
            return None
        shapes = figure_shapes(local, placement, self.height, self.outfit, camera)
        return Drawn(shapes, sem_id(self.category), self.bike.key(placement) - 0.05, placement.z)


@dataclass(kw_only=True)
class CrowdActor(Actor):
    """A tight group of standing people labelled as one ``crowd`` pedestrian box."""

    members: Sequence[Tuple[float, float, float, Outfit, Posture]]
    motion: Motion

    @property
    def crowd(self) -> bool:
        return True

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        centre = self.motion.placement(t, ego_z)
        if centre.z < 4.0:
            return None
        parts = []
        for ds, dz, height, outfit, posture in self.members:
            placement = Placement(centre.s + ds, centre.z + dz, centre.yaw)
            local = skeleton(height, posture)
            parts.append((placement.z, figure_shapes(local, placement, height, outfit, camera)))
        parts.sort(key=lambda part: -part[0])
        shapes = [shape for _, member in parts for shape in member]
        return Drawn(shapes, sem_id('pedestrian'), _ground_distance(centre, 1.0, 1.0), centre.z)


@dataclass(kw_only=True)
class FixtureActor(Actor):
    """A traffic light or sign: fixed faces at a height, facing the camera or turned away."""

    faces: List[Face]
    motion: Motion
    mount: float = 0.0
    light: str = 'NA'

    def attributes(self) -> Dict[str, object]:
        if self.category != 'traffic light':
            return {}
        facing_camera = np.cos(self.motion.yaw) < -0.5
        return {'trafficLightColor': self.light if facing_camera else 'NA'}

    def draw(self, t: float, ego_z: float, camera: Camera) -> Optional[Drawn]:
        placement = self.motion.placement(t, ego_z)
        if placement.z < 2.0:
            return None
        placement = Placement(placement.s, placement.z, placement.yaw, self.mount)
        shapes = render_faces(self.faces, placement, camera)
        if not shapes:
            return None
        return Drawn(shapes, sem_id(self.category), _ground_distance(placement, 0.2, 0.4) - 0.05,
                     placement.z)
