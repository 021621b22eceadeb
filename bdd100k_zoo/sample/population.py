"""Populating a world for a clip: traffic, parked vehicles, riders, pedestrians, crowds, traffic
lights, signs, lamps and trees, with motions that stay consistent for the clip's duration.

Traffic obeys the scene: at a red light the ego direction queues before the stop line while cross
traffic and pedestrians pass; at green the cross street waits. ``featured`` categories are placed in
view at the start, so every image or video shows the classes it is meant to show.
"""
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np

from ..labels.categories import SEM_SEG_CLASSES
from .actors import (Actor, CrowdActor, FixtureActor, Motion, PersonActor, Prop, RiderActor,
                     Thing, TreeProp, VehicleActor)
from .solids import Face
from .conditions import Conditions
from .figures import sample_outfit, standing
from .street import (HOUSING_COLORS, LIGHT_HEIGHT, SIGN_KINDS, arm, pole, sign_height, street_lamp,
                     traffic_light, traffic_sign)
from .vehicles import BUILDERS, VehicleModel
from .world import Lane, World

POLE = SEM_SEG_CLASSES.index('pole')
FACING_CAMERA, FACING_AWAY = np.pi, 0.0
#: Odds of each vehicle class in moving traffic.
TRAFFIC_MIX: Dict[str, float] = {'car': 0.74, 'truck': 0.1, 'bus': 0.07, 'motorcycle': 0.06,
                                 'bicycle': 0.03}
#: Odds of each class crossing on the cross street.
CROSSING_MIX: Dict[str, float] = {'car': 0.6, 'truck': 0.12, 'bus': 0.1, 'motorcycle': 0.1,
                                  'bicycle': 0.08}
#: Sign designs seen in each scene type (city streets: all of them).
SCENE_SIGNS: Dict[str, Tuple[str, ...]] = {
    'highway': ('street', 'speed', 'warning'),
    'residential': ('stop', 'warning', 'speed', 'yield', 'prohibition')}
#: Odds of each class parked at the curb (ignored classes only where allowed).
PARKED_MIX: Dict[str, float] = {'car': 0.86, 'truck': 0.05, 'motorcycle': 0.03, 'trailer': 0.04,
                                'other vehicle': 0.02}
IGNORED_VEHICLES = ('trailer', 'other vehicle')
BIKES = ('motorcycle', 'bicycle')
VEHICLE_CLASSES = ('car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle')
LONG_VEHICLES = ('truck', 'bus', 'train')
#: Cruising speed ranges of the ego vehicle per scene type, metres per second.
EGO_SPEEDS = {'highway': (18.0, 26.0), 'city street': (5.0, 10.0), 'residential': (4.0, 8.0)}
#: Gap kept in front of the camera in the ego lane.
EGO_CLEARANCE = 8.0
#: Parked vehicles start this far ahead (closer ones would hide most of the sidewalk).
PARKING_CLEARANCE = 10.0
#: Things are spawned from this far behind to this far ahead of the camera (farther ones would be a
#: few pixels).
NEAR_SPAWN, FAR_SPAWN = -15.0, 90.0
#: Random traffic keeps out of the first metres ahead at the start, where it would hide the rest.
NEAR_ZONE = 14.0


@dataclass
class Cast:
    """Everything drawn in depth order for a clip, and how the ego vehicle moves.

    Attributes:
        actors: labelled things (track ids are stable for the clip).
        props: unlabelled things (poles, lamps, trees).
        ego_speed: metres per second.
        stop_z: world ``z`` where the ego lane must stop (stop line or the first vehicle ahead).
    """

    actors: List[Actor] = field(default_factory=list)
    props: List[Thing] = field(default_factory=list)
    ego_speed: float = 0.0
    stop_z: float = np.inf


class _Builder:
    """Accumulates the cast of one clip."""

    def __init__(self, rng: np.random.Generator, world: World, conditions: Conditions,
                 duration: float, allow_ignored: bool) -> None:
        self.rng, self.world = rng, world
        self.duration, self.allow_ignored = duration, allow_ignored
        self.lit = conditions.lamps_on
        self.cast = Cast()
        self.next_id = 1

    # --- helpers -------------------------------------------------------------------------------
    def _id(self) -> int:
        """A new track id."""
        self.next_id += 1
        return self.next_id - 1

    def choose(self, mix: Dict[str, float], exclude: Iterable[str] = ()) -> str:
        """A category drawn from ``{category: odds}`` (leaving out ``exclude``)."""
        names = [name for name in mix if name not in exclude]
        weights = np.array([mix[name] for name in names])
        return str(self.rng.choice(names, p=weights / weights.sum()))

    def add_vehicle(self, model: VehicleModel, motion: Motion, ridden: bool = True) -> VehicleActor:
        """Adds a vehicle, and its rider if it is a bike in traffic."""
        vehicle = VehicleActor(track_id=self._id(), category=model.category, model=model,
                               motion=motion)
        self.cast.actors.append(vehicle)
        if model.category in BIKES and ridden:
            self.cast.actors.append(RiderActor(
                track_id=self._id(), category='rider', bike=vehicle,
                height=float(self.rng.uniform(1.6, 1.9)), outfit=sample_outfit(self.rng),
                phase=float(self.rng.uniform(0, 2 * np.pi))))
        return vehicle

    def model(self, category: str) -> VehicleModel:
        """A new random model of a vehicle class."""
        return BUILDERS[category](self.rng, self.lit)

    def add_person(self, s: float, z: float, yaw: float, speed: float, gait: str = 'walk',
                   category: str = 'pedestrian') -> None:
        """Adds a person (8% are children) moving at ``speed`` along ``yaw``."""
        child = self.rng.random() < 0.08
        height = float(self.rng.uniform(1.1, 1.35) if child else self.rng.uniform(1.55, 1.95))
        self.cast.actors.append(PersonActor(
            track_id=self._id(), category=category, height=height, outfit=sample_outfit(self.rng),
            motion=Motion(s, z, yaw, speed), gait=gait, phase=float(self.rng.uniform(0, 2 * np.pi)),
            rest=standing(self.rng)))

    def span(self, speed_along: float) -> Tuple[float, float]:
        """World ``z`` range where something moving at ``speed_along`` is seen during the clip."""
        shift = (self.cast.ego_speed - speed_along) * self.duration
        return min(NEAR_SPAWN, NEAR_SPAWN + shift), max(FAR_SPAWN, FAR_SPAWN + shift)

    # --- traffic -------------------------------------------------------------------------------
    def lane_speed(self, index: int, lane: Lane) -> float:
        """World speed of the moving vehicles of a lane, along their heading (0 when parked)."""
        if lane.direction == 0:
            return 0.0
        if lane.direction < 0:
            return float(self.rng.uniform(8.0, 14.0))
        ego = self.cast.ego_speed
        if index == self.world.ego_lane:
            return ego + float(self.rng.uniform(0.5, 3.0))
        return max(0.0, ego + float(self.rng.uniform(-3.0, 3.0)))

    def place(self, index: int, model: VehicleModel, z: float, speed: float) -> VehicleActor:
        """Puts a vehicle centred at world ``z`` in a lane, heading the lane's way."""
        lane = self.world.lanes[index]
        direction = lane.direction if lane.direction else (1 if lane.centre > 0 else -1)
        yaw = FACING_AWAY if direction > 0 else FACING_CAMERA
        if model.category == 'bicycle':
            offset = (lane.right - lane.centre - 0.9) * direction
        elif model.category == 'motorcycle':
            offset = float(self.rng.uniform(-0.6, 0.6))
        else:
            offset = float(self.rng.uniform(-0.25, 0.25))
        return self.add_vehicle(model, Motion(lane.centre + offset, z, yaw, speed),
                                ridden=lane.direction != 0)

    def lane_mix(self, index: int) -> Dict[str, float]:
        """Odds of the vehicle classes in a lane (bicycles: rightmost lane, not on highways)."""
        lane = self.world.lanes[index]
        if lane.direction == 0:
            return {name: odds for name, odds in PARKED_MIX.items()
                    if self.allow_ignored or name not in IGNORED_VEHICLES}
        mix = dict(TRAFFIC_MIX)
        rightmost = index == len(self.world.lanes) - 1 or self.world.lanes[index + 1].direction != 1
        if self.world.scene == 'highway' or lane.direction < 0 or not rightmost:
            mix.pop('bicycle')
        return mix

    def fill_lane(self, index: int, stopped: bool, firsts: Sequence[str]) -> None:
        """Fills a lane: featured ``firsts`` in view, then traffic (or a queue at a stop line)."""
        if stopped:
            self.queue(index, firsts)
        else:
            self.flow(index, firsts)

    def queue(self, index: int, firsts: Sequence[str]) -> None:
        """Vehicles waiting at a stop line, the featured ones at its head."""
        towards = self.world.lanes[index].direction
        front = self.cast.stop_z if towards > 0 else self.world.crossing[1] + 6.0
        front -= towards * 1.5
        mix = self.lane_mix(index)
        for k in range(len(firsts) + int(self.rng.integers(1, 5))):
            model = self.model(firsts[k] if k < len(firsts) else self.choose(mix, BIKES))
            centre = front - towards * model.length / 2
            too_close = centre - model.length / 2 < EGO_CLEARANCE + 4.0
            if towards > 0 and index == self.world.ego_lane and too_close:
                break
            self.place(index, model, centre, 0.0)
            front = centre - towards * (model.length / 2 + float(self.rng.uniform(1.5, 3.5)))

    def flow(self, index: int, firsts: Sequence[str]) -> None:
        """Moving (or parked) vehicles along a lane, the featured ones in view at the start."""
        lane = self.world.lanes[index]
        speed = self.lane_speed(index, lane)
        taken: List[Tuple[float, float]] = []
        z = float(self.rng.uniform(15.0, 20.0))
        for category in firsts:
            model = self.model(category)
            self.place(index, model, z + model.length / 2, speed)
            taken.append((z, z + model.length))
            z += model.length + float(self.rng.uniform(4.0, 8.0))
        low, high = self.span(speed * (1 if lane.direction >= 0 else -1))
        if index == self.world.ego_lane:
            low = max(low, EGO_CLEARANCE + 4.0)
        elif lane.direction == 0:
            low = max(low, PARKING_CLEARANCE)
        highway = self.world.scene == 'highway'
        gaps = (0.8, 4.0) if lane.direction == 0 else ((12.0, 40.0) if highway else (4.0, 18.0))
        occupancy = 0.7 if lane.direction == 0 else 1.0
        mix = self.lane_mix(index)
        z = low + float(self.rng.uniform(0.0, 10.0))
        while z < high:
            if lane.direction == 0 and self.world.in_crossing(z, 6.0):
                z += 6.0
                continue
            model = self.model(self.choose(mix))
            end = z + model.length
            clear = lane.direction == 0 or end <= 0.0 or z >= NEAR_ZONE
            free = all(end + 2.0 <= a or z - 2.0 >= b for a, b in taken)
            if clear and free and self.rng.random() < occupancy:
                self.place(index, model, z + model.length / 2, speed)
            z = end + float(self.rng.uniform(*gaps))

    def cross_traffic(self, moving: bool, featured: Sequence[str]) -> None:
        """Vehicles on the cross street: passing (red for the ego) or waiting at its sides."""
        near, far = self.world.crossing
        lanes = ((near + (far - near) * 0.28, np.pi / 2), (far - (far - near) * 0.28, -np.pi / 2))
        for lane_index, (z, yaw) in enumerate(lanes):
            direction = np.sin(yaw)
            if moving:
                speed = float(self.rng.uniform(7.0, 11.0))
                s = -direction * float(self.rng.uniform(10.0, 60.0))
                for _ in range(int(self.rng.integers(1, 3))):
                    model = self.model(self.choose(CROSSING_MIX))
                    self.add_vehicle(model, Motion(s, z, yaw, speed))
                    s -= direction * (model.length + float(self.rng.uniform(6.0, 25.0)))
            else:
                edge = self.world.road_left if direction > 0 else self.world.road_right
                s = edge - direction * 3.0
                for _ in range(int(self.rng.integers(1, 3))):
                    model = self.model(self.choose({'car': 0.85, 'truck': 0.15}))
                    self.add_vehicle(model, Motion(s - direction * model.length / 2, z, yaw, 0.0))
                    s -= direction * (model.length + float(self.rng.uniform(1.5, 3.0)))
            if moving and lane_index == 0 and 'train' in featured:
                self.add_vehicle(
                    self.model('train'),
                    Motion(-direction * 8.0, z, yaw, float(self.rng.uniform(3.0, 6.0))))
            if moving:
                for category in (name for name in BIKES if name in featured):
                    s = float(self.rng.uniform(self.world.road_left, self.world.road_right))
                    low, high = (3.0, 5.0) if category == 'bicycle' else (5.0, 8.0)
                    speed = float(self.rng.uniform(low, high))
                    self.add_vehicle(self.model(category), Motion(s, z, yaw, speed))

    # --- people --------------------------------------------------------------------------------
    def sidewalk_people(self, density: float) -> None:
        """People walking or standing along both sidewalks (``density`` per metre)."""
        for side in (-1, 1):
            inner, outer = self.world.sidewalk(side)
            if inner == outer:
                continue
            low, high = self.span(0.0)
            for _ in range(int(self.rng.poisson(density * (high - low)))):
                s = float(self.rng.uniform(min(inner, outer) + 0.4, max(inner, outer) - 0.4))
                z = float(self.rng.uniform(low, high))
                if self.world.in_crossing(z, 1.0):
                    continue
                roll = self.rng.random()
                if roll < 0.7:
                    self.add_person(s, z, float(self.rng.choice([FACING_AWAY, FACING_CAMERA])),
                                    float(self.rng.uniform(1.0, 1.6)))
                elif roll < 0.97 or not self.allow_ignored:
                    self.add_person(s, z, float(self.rng.uniform(-np.pi, np.pi)), 0.0, gait='stand')
                else:
                    self.add_person(s, z, -side * np.pi / 2, 0.0, gait='sit',
                                    category='other person')

    def featured_pedestrians(self) -> None:
        """Two or three pedestrians clearly in view, on the sidewalks not lined with parked cars."""
        parked = {-1: self.world.lanes[0].direction == 0, 1: self.world.lanes[-1].direction == 0}
        sides = [side for side in (-1, 1) if self.world.sidewalks[0 if side < 0 else 1]]
        if not sides:
            return
        open_sides = [side for side in sides if not parked[side]] or sides
        for _ in range(int(self.rng.integers(2, 4))):
            side = int(self.rng.choice(open_sides))
            inner, outer = self.world.sidewalk(side)
            s = float(self.rng.uniform(min(inner, outer) + 0.5, max(inner, outer) - 0.5))
            z = float(self.rng.uniform(8.0, 22.0)) + self.cast.ego_speed * self.duration * 0.5
            walking = self.rng.random() < 0.7
            if walking:
                yaw = float(self.rng.choice([FACING_AWAY, FACING_CAMERA]))
            else:
                yaw = float(self.rng.uniform(-np.pi, np.pi))
            self.add_person(s, z, yaw, float(self.rng.uniform(1.0, 1.5)) if walking else 0.0,
                            gait='walk' if walking else 'stand')

    def bike_rack(self) -> None:
        """One to three bicycles parked across a sidewalk (seen side-on), near the start."""
        sides = [side for side in (-1, 1) if self.world.sidewalks[0 if side < 0 else 1]]
        if not sides:
            return
        side = int(self.rng.choice(sides))
        inner, outer = self.world.sidewalk(side)
        z = float(self.rng.uniform(9.0, 18.0)) + self.cast.ego_speed * self.duration * 0.5
        for k in range(int(self.rng.integers(1, 4))):
            self.add_vehicle(self.model('bicycle'),
                             Motion(outer - side * 1.0, z + 0.8 * k, side * np.pi / 2),
                             ridden=False)

    def crowd(self) -> None:
        """A group of people standing close together on a sidewalk."""
        side = int(self.rng.choice([-1, 1]))
        inner, outer = self.world.sidewalk(side)
        if inner == outer:
            return
        centre_s = (inner + outer) / 2
        z = float(self.rng.uniform(18.0, 32.0)) + self.cast.ego_speed * self.duration * 0.5
        members = []
        for _ in range(int(self.rng.integers(4, 8))):
            members.append(
                (float(self.rng.uniform(-1.0, 1.0)), float(self.rng.uniform(-0.8, 0.8)),
                 float(self.rng.uniform(1.55, 1.9)), sample_outfit(self.rng), standing(self.rng)))
        self.cast.actors.append(
            CrowdActor(track_id=self._id(), category='pedestrian', members=members,
                       motion=Motion(centre_s, z, float(self.rng.uniform(-np.pi, np.pi)))))

    def crossing_people(self) -> None:
        """People on the zebra crossings on both sides of the cross street."""
        near, far = self.world.crossing
        for z0 in (near - 4.2, far + 1.3):
            for _ in range(int(self.rng.integers(1, 4))):
                direction = float(self.rng.choice([-1.0, 1.0]))
                s = float(self.rng.uniform(self.world.road_left - 2.0, self.world.road_right + 2.0))
                self.add_person(s, z0 + float(self.rng.uniform(0.3, 2.6)), direction * np.pi / 2,
                                float(self.rng.uniform(1.1, 1.6)))

    # --- fixtures ------------------------------------------------------------------------------
    def fixture(self, category: str, faces: List[Face], s: float, z: float, mount: float,
                yaw: float, light: str = 'NA') -> None:
        """Adds a traffic light or sign."""
        self.cast.actors.append(FixtureActor(track_id=self._id(), category=category, faces=faces,
                                             motion=Motion(s, z, yaw), mount=mount, light=light))

    def prop(self, faces: List[Face], s: float, z: float,
             half_extent: Tuple[float, float] = (0.2, 0.2), bias: float = 0.1) -> None:
        """Adds a pole-like prop (painted just before what it holds, thanks to ``bias``)."""
        self.cast.props.append(Prop(faces=faces, motion=Motion(s, z), sem=POLE,
                                    half_extent=half_extent, order_bias=bias))

    def traffic_lights(self, color: str) -> None:
        """Mast arms with a light over each lane of the ego direction on both sides of the crossing,
        plus pole-mounted lights on the left corners (the near one turned away: colour "NA")."""
        near, far = self.world.crossing
        same = [lane for lane in self.world.lanes if lane.direction == 1]
        housing = HOUSING_COLORS[int(self.rng.integers(len(HOUSING_COLORS)))]
        for z, height in ((near - 2.0, float(self.rng.uniform(5.6, 6.2))),
                          (far + 1.0, float(self.rng.uniform(5.6, 6.2)))):
            base = self.world.road_right + 0.8
            reach = same[0].left + 0.5 - base
            self.prop(pole(height) + arm(reach, height), base, z, half_extent=(0.3, 0.3), bias=0.3)
            for lane in same:
                self.fixture('traffic light', traffic_light(color, housing, self.lit), lane.centre,
                             z, height - 0.25 - LIGHT_HEIGHT, FACING_CAMERA, color)
        left = self.world.road_left - 0.8
        self.prop(pole(3.4), left, far + 1.0)
        self.fixture('traffic light', traffic_light(color, housing, self.lit), left, far + 1.0,
                     3.4 - LIGHT_HEIGHT, FACING_CAMERA, color)
        self.prop(pole(3.4), left, near - 2.0)
        self.fixture('traffic light', traffic_light('R' if color == 'G' else 'G', housing,
                                                    self.lit), left, near - 2.0, 3.4 - LIGHT_HEIGHT,
                     float(self.rng.choice([FACING_AWAY, np.pi / 2])))

    def signs(self, count: int, featured: bool) -> None:
        """Signs on poles along the road (``featured``: one more, close ahead)."""
        kinds = SCENE_SIGNS.get(self.world.scene, SIGN_KINDS)
        low, high = self.span(0.0)
        positions = [float(self.rng.uniform(low, high)) for _ in range(count)]
        if featured:
            positions.append(
                float(self.rng.uniform(10.0, 24.0)) + self.cast.ego_speed * self.duration * 0.3)
        for z in positions:
            if self.world.in_crossing(z, 2.0):
                continue
            side = 1 if self.rng.random() < 0.7 else -1
            kind = str(self.rng.choice(kinds))
            low, high = (1.8, 2.4) if self.world.scene == 'highway' else (0.9, 1.25)
            scale = float(self.rng.uniform(low, high))
            s = self.world.edge(side) + side * float(self.rng.uniform(0.4, 1.2))
            centre = float(self.rng.uniform(2.3,
                                            2.9)) + (2.0 if self.world.scene == 'highway' else 0.0)
            self.prop(pole(centre - sign_height(kind) * scale / 2, 0.05), s, z)
            yaw = FACING_CAMERA if side > 0 or self.rng.random() < 0.6 else FACING_AWAY
            self.fixture('traffic sign', traffic_sign(kind, scale), s, z, centre, yaw)

    def scenery_props(self) -> None:
        """The world's street lamps and trees."""
        for s, z, height, reach in self.world.lamps:
            self.prop(street_lamp(height, reach, self.lit), s, z, half_extent=(0.3, 0.3), bias=0.2)
        for tree in self.world.trees:
            # crown blobs: sideways and upward offset (crown radii), size (crown radii), shade
            blobs = np.column_stack([self.rng.uniform(-0.5, 0.5, 4),
                                     self.rng.uniform(-0.3, 0.4, 4),
                                     self.rng.uniform(0.55, 0.8, 4),
                                     self.rng.uniform(0.8, 1.15, 4)])
            self.cast.props.append(TreeProp(s=tree.s, z=tree.z, trunk=tree.trunk, crown=tree.crown,
                                            color=tree.color, blobs=blobs))


def _ego_speed(rng: np.random.Generator, scene: str) -> float:
    """Cruising speed of the ego vehicle, metres per second."""
    return float(rng.uniform(*EGO_SPEEDS[scene]))


def _lane_firsts(rng: np.random.Generator, world: World, featured: Sequence[str],
                 stopped: bool) -> Dict[int, List[str]]:
    """Spreads the featured vehicle classes over the lanes, where each starts in view.

    Bicycles keep to the rightmost lane; at a stop, long vehicles stay out of the ego lane (the
    queue ahead of the camera is short) while trains and bikes cross on the cross street instead.
    """
    moving = [i for i, lane in enumerate(world.lanes) if lane.direction != 0]
    rightmost = max(i for i, lane in enumerate(world.lanes) if lane.direction == 1)
    load = {index: 0 for index in moving}
    firsts: Dict[int, List[str]] = {}
    for category in featured:
        if category not in VEHICLE_CLASSES or (stopped and category in ('train',) + BIKES):
            continue
        if category == 'bicycle' and world.scene != 'highway':
            candidates = [rightmost]
        else:
            keep_out_of_ego_lane = category in LONG_VEHICLES and (stopped or category == 'train')
            candidates = [i for i in moving if i != world.ego_lane or not keep_out_of_ego_lane]
        order = [int(i) for i in rng.permutation(candidates)]
        index = min(order, key=lambda i: load[i])
        load[index] += 1
        firsts.setdefault(index, []).append(category)
    return firsts


def populate(rng: np.random.Generator, world: World, conditions: Conditions, duration: float,
             featured: Sequence[str] = (), allow_ignored: bool = True) -> Cast:
    """The cast of a clip of ``duration`` seconds (0 for a still image).

    Args:
        rng: the random stream.
        world: the static world.
        conditions: weather/scene/time (lights are on at night).
        duration: clip length, seconds.
        featured: label categories that must be in view at the start.
        allow_ignored: whether to add the official ignored classes ("other person", "other vehicle",
            "trailer"): only for tasks whose labels keep them (det_20, box_track_20).
    """
    builder = _Builder(rng, world, conditions, duration, allow_ignored)
    cast = builder.cast
    cast.ego_speed = _ego_speed(rng, world.scene)
    light = None
    stop = world.crossing is not None and (world.scene == 'residential' or rng.random() < 0.6)
    if world.crossing is not None and world.scene == 'city street':
        light = ('R' if rng.random() < 0.75 else 'Y') if stop else 'G'
    firsts = _lane_firsts(rng, world, featured, stopped=stop)
    if stop:
        cast.stop_z = world.crossing[0] - 6.0
    for index, lane in enumerate(world.lanes):
        builder.fill_lane(index, stopped=stop and lane.direction != 0, firsts=firsts.get(index, []))
    if stop:
        ego_centre = world.lanes[world.ego_lane].centre
        queue = [actor.motion.z - actor.model.length / 2 for actor in cast.actors
                 if isinstance(actor, VehicleActor) and abs(actor.motion.s - ego_centre) < 1.0]
        cast.stop_z = min([cast.stop_z] + queue)
        cast.ego_speed = min(cast.ego_speed,
                             max(0.0, (cast.stop_z - EGO_CLEARANCE) / max(duration, 1.0)))
    if world.crossing is not None:
        builder.cross_traffic(moving=stop, featured=featured)
        if stop:
            builder.crossing_people()
        if light is not None:
            builder.traffic_lights(light)
        elif world.scene == 'residential':
            s = world.road_right + 1.0
            builder.prop(pole(2.2, 0.05), s, world.crossing[0] - 3.0)
            builder.fixture('traffic sign', traffic_sign('stop'), s, world.crossing[0] - 3.0, 2.6,
                            FACING_CAMERA)
    density = {'city street': 0.05, 'residential': 0.015, 'highway': 0.0}[world.scene]
    builder.sidewalk_people(density)
    if 'pedestrian' in featured:
        builder.featured_pedestrians()
    if 'bicycle' in featured and not stop:
        builder.bike_rack()
    if world.scene == 'city street' and rng.random() < 0.35:
        builder.crowd()
    builder.signs(int(rng.integers(1, 4)), featured='traffic sign' in featured)
    builder.scenery_props()
    return cast
