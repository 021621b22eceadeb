"""Vehicle models: each class built from solids with its own proportions, colours and details.

Classes differ the way they do on the road: cars are low with a glass cabin, trucks carry a tall
plain cargo box behind a cab, buses are long boxes with a band of windows, trains longer still on
bogies, motorcycles are chunky with filled wheels, bicycles thin frames with ring wheels. Models sit
in their own frame: origin on the ground at the centre, front towards ``+z``.
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from .canvas import Color
from .randomness import pick_color
from .solids import Decal, Face, box, collect, disc, frustum, rect, wheel

Polyline = Tuple[np.ndarray, float, Color]

GLASS: Color = (45, 55, 68)
TYRE: Color = (28, 28, 30)
RIM: Color = (150, 150, 155)
DARK: Color = (40, 40, 42)
HEADLIGHT: Color = (255, 250, 225)
TAIL_LIGHT: Color = (210, 25, 25)
PLATE: Color = (225, 225, 215)

CAR_COLORS: Tuple[Color, ...] = (
    (235, 235, 235), (25, 25, 28), (170, 172, 178), (105, 108, 112), (160, 25, 30),
    (30, 60, 140), (25, 75, 50), (200, 185, 150), (120, 30, 40), (60, 110, 170))
TRUCK_COLORS: Tuple[Color, ...] = ((240, 240, 240), (215, 215, 210), (230, 190, 40),
                                  (200, 60, 30), (40, 90, 160), (90, 95, 100))
BUS_COLORS: Tuple[Color, ...] = ((245, 185, 20), (230, 235, 240), (185, 30, 35), (40, 120, 70),
                                (35, 80, 160))
TRAIN_COLORS: Tuple[Color, ...] = ((205, 205, 210), (235, 235, 230), (190, 40, 40), (60, 70, 90))
#: Length ranges of the car styles, metres.
CAR_LENGTHS = {'sedan': (4.3, 4.9), 'hatchback': (3.8, 4.2), 'suv': (4.5, 5.0)}
BIKE_COLORS: Tuple[Color, ...] = ((200, 30, 30), (20, 20, 22), (30, 80, 180), (230, 120, 20),
                                 (40, 150, 60), (220, 220, 220))


@dataclass
class VehicleModel:
    """A vehicle in its own frame.

    Attributes:
        category: the label category.
        length: extent along ``z``.
        width: extent along ``x``.
        faces: the solids' faces.
        lines: thin parts drawn as lines ``(points (N, 3), thickness m, colour)`` (bicycle frames).
        seat: where a rider's pelvis goes, if the vehicle is ridden.
    """

    category: str
    length: float
    width: float
    faces: List[Face]
    lines: List[Polyline] = field(default_factory=list)
    seat: Optional[np.ndarray] = None


def _lamps(lit: bool, front: bool, u_pairs: Sequence[Tuple[float, float]], v0: float,
           v1: float) -> List[Decal]:
    """Head lights (``front``) or tail lights at the given face positions; glowing when ``lit``."""
    color = HEADLIGHT if front else TAIL_LIGHT
    return [Decal(rect(u0, v0, u1, v1), color, glow=lit) for u0, u1 in u_pairs]


def _wheels(width: float, axles: Sequence[float], radius: float, tyre_width: float) -> List[Face]:
    """A pair of wheels on each axle (at ``z`` = each of ``axles``), just outside the body."""
    faces: List[Face] = []
    offset = width / 2 - tyre_width / 2 + 0.02
    for z in axles:
        for sign in (-1.0, 1.0):
            faces.extend(wheel(sign * offset, radius, z, radius, tyre_width, TYRE, RIM))
    return faces


def car(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A sedan, hatchback or SUV."""
    style = rng.choice(['sedan', 'hatchback', 'suv'], p=[0.45, 0.25, 0.3])
    length = rng.uniform(*CAR_LENGTHS[style])
    width = rng.uniform(1.75, 1.95)
    clearance, belt = (0.35, 1.0) if style == 'suv' else (0.28, 0.85)
    roof = belt + (rng.uniform(0.7, 0.85) if style == 'suv' else rng.uniform(0.55, 0.65))
    color = pick_color(rng, CAR_COLORS)
    half = length / 2
    body = box(-width / 2, width / 2, clearance, belt, -half, half, color)
    cabin_rear = -half + (rng.uniform(0.7, 1.0) if style == 'sedan' else 0.15)
    cabin = frustum(-width / 2 + 0.05, width / 2 - 0.05, belt, roof, cabin_rear,
                    half - rng.uniform(1.1, 1.4), color,
                    inset_front=0.45 if style == 'suv' else 0.6,
                    inset_rear=0.15 if style != 'sedan' else 0.45, inset_side=0.12)
    for side in ('left', 'right'):
        cabin[side].decals += [Decal(rect(0.06, 0.12, 0.47, 0.88), GLASS),
                               Decal(rect(0.53, 0.12, 0.94, 0.88), GLASS)]
    cabin['front'].decals.append(Decal(rect(0.05, 0.08, 0.95, 0.92), GLASS))
    cabin['rear'].decals.append(Decal(rect(0.1, 0.15, 0.9, 0.85), GLASS))
    body['rear'].decals += [Decal(rect(0.0, 0.0, 1.0, 0.22), DARK),
                            Decal(rect(0.38, 0.3, 0.62, 0.55), PLATE)]
    body['rear'].decals += _lamps(lit, False, ((0.03, 0.2), (0.8, 0.97)), 0.55, 0.85)
    body['front'].decals += [Decal(rect(0.0, 0.0, 1.0, 0.22), DARK),
                             Decal(rect(0.3, 0.32, 0.7, 0.62), DARK)]
    body['front'].decals += _lamps(lit, True, ((0.04, 0.22), (0.78, 0.96)), 0.5, 0.8)
    radius = 0.36 if style == 'suv' else 0.32
    wheels = _wheels(width, (half - 0.85, -half + 0.85), radius, 0.22)
    return VehicleModel('car', length, width, collect(wheels, body, cabin))


def truck(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A box truck: a cab in front of a tall cargo box."""
    length, width = rng.uniform(6.5, 9.5), rng.uniform(2.4, 2.55)
    height = rng.uniform(3.3, 3.9)
    half = length / 2
    cab_color = pick_color(rng, TRUCK_COLORS)
    whites = ((240, 240, 240), (225, 225, 220), (200, 200, 205))
    cargo_color = pick_color(rng, whites if rng.random() < 0.6 else TRUCK_COLORS)
    cab_rear = half - 2.3
    cab = box(-width / 2, width / 2, 0.55, 2.0, cab_rear, half, cab_color)
    cab_top = frustum(-width / 2, width / 2, 2.0, 2.95, cab_rear, half, cab_color,
                      inset_front=0.25, inset_side=0.05)
    cab_top['front'].decals.append(Decal(rect(0.06, 0.1, 0.94, 0.9), GLASS))
    for side in ('left', 'right'):
        cab_top[side].decals.append(Decal(rect(0.45, 0.1, 0.92, 0.85), GLASS))
    cab['front'].decals += [Decal(rect(0.25, 0.3, 0.75, 0.75), DARK),
                            Decal(rect(0.0, 0.0, 1.0, 0.15), DARK)]
    cab['front'].decals += _lamps(lit, True, ((0.04, 0.18), (0.82, 0.96)), 0.3, 0.48)
    cargo = box(-width / 2 - 0.03, width / 2 + 0.03, 0.95, height, -half, cab_rear - 0.15,
                cargo_color)
    stripe = pick_color(rng, TRUCK_COLORS)
    for side in ('left', 'right'):
        cargo[side].decals.append(Decal(rect(0.08, 0.45, 0.92, 0.62), stripe))
    cargo['rear'].decals += [Decal(rect(0.49, 0.04, 0.51, 0.96), DARK),
                             Decal(rect(0.02, 0.0, 0.98, 0.04), DARK)]
    chassis = box(-width / 2 + 0.15, width / 2 - 0.15, 0.45, 0.95, -half, cab_rear, DARK)
    chassis['rear'].decals += _lamps(lit, False, ((0.02, 0.16), (0.84, 0.98)), 0.35, 0.8)
    wheels = _wheels(width - 0.1, (half - 1.2, -half + 1.4, -half + 2.5), 0.48, 0.3)
    return VehicleModel('truck', length, width, collect(wheels, chassis, cargo, cab, cab_top))


def bus(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A city or school bus: a long box with a band of windows."""
    length, width, height = rng.uniform(10.5, 12.5), 2.55, rng.uniform(3.0, 3.3)
    half = length / 2
    color = pick_color(rng, BUS_COLORS, 0.08)
    body = box(-width / 2, width / 2, 0.3, height, -half, half, color)
    panes = int(rng.integers(6, 9))
    edges = np.linspace(0.04, 0.96, panes + 1)
    for side in ('left', 'right'):
        body[side].decals += [Decal(rect(u0 + 0.006, 0.5, u1 - 0.006, 0.88), GLASS)
                              for u0, u1 in zip(edges[:-1], edges[1:])]
        if rng.random() < 0.5:
            body[side].decals.append(Decal(rect(0.0, 0.3, 1.0, 0.4), pick_color(rng, BUS_COLORS)))
    body['front'].decals += [Decal(rect(0.04, 0.4, 0.96, 0.92), GLASS),
                             Decal(rect(0.15, 0.935, 0.85, 0.985), (255, 170, 40), glow=lit),
                             Decal(rect(0.0, 0.0, 1.0, 0.1), DARK)]
    body['front'].decals += _lamps(lit, True, ((0.05, 0.2), (0.8, 0.95)), 0.14, 0.24)
    body['rear'].decals += [Decal(rect(0.15, 0.62, 0.85, 0.88), GLASS),
                            Decal(rect(0.25, 0.15, 0.75, 0.4), DARK)]
    body['rear'].decals += _lamps(lit, False, ((0.03, 0.13), (0.87, 0.97)), 0.12, 0.35)
    wheels = _wheels(width, (half - 2.4, -half + 2.8), 0.5, 0.3)
    return VehicleModel('bus', length, width, collect(wheels, body))


def train(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A tram / light-rail train: very long, on bogies, with many windows and doors."""
    length, width, height = rng.uniform(24.0, 32.0), 2.65, 3.55
    half = length / 2
    color = pick_color(rng, TRAIN_COLORS, 0.06)
    stripe = pick_color(rng, ((200, 30, 30), (30, 70, 170), (240, 200, 30)), 0.05)
    body = box(-width / 2, width / 2, 0.55, height, -half, half, color)
    windows = int(length / 2.2)
    edges = np.linspace(0.03, 0.97, windows + 1)
    for side in ('left', 'right'):
        body[side].decals.append(Decal(rect(0.0, 0.25, 1.0, 0.33), stripe))
        body[side].decals += [Decal(rect(u0 + 0.004, 0.45, u1 - 0.004, 0.82), GLASS)
                              for u0, u1 in zip(edges[:-1], edges[1:])]
        body[side].decals += [Decal(rect(u - 0.018, 0.05, u + 0.018, 0.85), DARK)
                              for u in (0.2, 0.5, 0.8)]
    for end, front in (('front', True), ('rear', False)):
        body[end].decals += [Decal(rect(0.08, 0.5, 0.92, 0.9), GLASS),
                             Decal(rect(0.0, 0.25, 1.0, 0.33), stripe)]
        body[end].decals += _lamps(lit, front, ((0.08, 0.22), (0.78, 0.92)), 0.1, 0.2)
    bogies = [box(-width / 2 + 0.3, width / 2 - 0.3, 0.1, 0.6, z - 1.3, z + 1.3, DARK)
              for z in (half - 3.0, -half + 3.0)]
    return VehicleModel('train', length, width, collect(body, *bogies))


def motorcycle(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A motorcycle: filled wheels, engine block, tank and seat, handlebar."""
    color = pick_color(rng, BIKE_COLORS)
    metal = (90, 90, 95)
    engine = box(-0.17, 0.17, 0.25, 0.6, -0.3, 0.35, metal)
    tank = frustum(-0.16, 0.16, 0.6, 0.86, -0.6, 0.4, color, inset_front=0.12, inset_side=0.03)
    fork = box(-0.05, 0.05, 0.3, 1.0, 0.55, 0.65, (170, 170, 175))
    handlebar = box(-0.38, 0.38, 0.95, 1.0, 0.5, 0.56, DARK)
    lamp = box(-0.09, 0.09, 0.78, 0.95, 0.62, 0.72, DARK)
    lamp['front'].decals.append(Decal(disc(0.5, 0.5, 0.4, 0.4), HEADLIGHT, glow=lit))
    tail = box(-0.1, 0.1, 0.6, 0.72, -0.9, -0.6, color)
    tail['rear'].decals.append(Decal(rect(0.15, 0.2, 0.85, 0.8), TAIL_LIGHT, glow=lit))
    exhaust = box(0.17, 0.26, 0.25, 0.36, -0.75, 0.0, (180, 180, 185))
    wheels = wheel(0.0, 0.31, 0.7, 0.31, 0.14, TYRE, RIM) + wheel(0.0, 0.31, -0.7, 0.31, 0.14, TYRE,
                                                                  RIM)
    faces = collect(wheels, engine, exhaust, tank, tail, fork, handlebar, lamp)
    return VehicleModel('motorcycle', 2.1, 0.76, faces, seat=np.array([0.0, 0.92, -0.25]))


def _ring(z: float, radius: float, points: int = 16) -> np.ndarray:
    """A closed circle standing on the ground in the ``x = 0`` plane (a bicycle wheel)."""
    angles = np.linspace(0, 2 * np.pi, points + 1)
    ys, zs = radius + radius * np.sin(angles), z + radius * np.cos(angles)
    return np.stack([np.zeros(points + 1), ys, zs], axis=1)


def bicycle(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A bicycle: ring wheels and a thin diamond frame (drawn as lines)."""
    color = pick_color(rng, BIKE_COLORS)
    rear, bracket = np.array([0.0, 0.34, -0.52]), np.array([0.0, 0.3, -0.05])
    seat_top, head_top = np.array([0.0, 0.86, -0.25]), np.array([0.0, 0.86, 0.38])
    head_bottom, front = np.array([0.0, 0.66, 0.42]), np.array([0.0, 0.34, 0.52])
    stem = np.array([0.0, 0.98, 0.34])
    lines: List[Polyline] = [(_ring(-0.52, 0.34), 0.05, TYRE), (_ring(0.52, 0.34), 0.05, TYRE)]
    for tube in ((rear, bracket, seat_top, rear), (seat_top, head_top, head_bottom, bracket),
                 (head_bottom, front), (head_top, stem)):
        lines.append((np.stack(tube), 0.04, color))
    lines.append((np.array([[-0.28, 0.98, 0.34], [0.28, 0.98, 0.34]]), 0.035, DARK))
    saddle = box(-0.07, 0.07, 0.86, 0.92, -0.36, -0.14, DARK)
    faces = collect(saddle)
    if lit:
        lamp = box(-0.04, 0.04, 0.86, 0.92, 0.4, 0.46, DARK)
        lamp['front'].decals.append(Decal(rect(0.1, 0.1, 0.9, 0.9), HEADLIGHT, glow=True))
        faces += collect(lamp)
    return VehicleModel('bicycle', 1.75, 0.6, faces, lines, seat=np.array([0.0, 0.95, -0.25]))


def trailer(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A box or flatbed trailer with a drawbar (an ignored class of the official labels)."""
    length, width = rng.uniform(3.5, 6.0), rng.uniform(2.0, 2.3)
    half = length / 2
    top = rng.uniform(1.8, 2.6) if rng.random() < 0.6 else 0.85
    color = pick_color(rng, ((200, 200, 200), (150, 150, 150), (230, 230, 225), (120, 90, 60)))
    bed = box(-width / 2, width / 2, 0.55, top, -half, half, color)
    bed['rear'].decals += _lamps(lit, False, ((0.02, 0.14), (0.86, 0.98)), 0.05, 0.25)
    drawbar = box(-0.06, 0.06, 0.5, 0.6, half, half + 1.2, DARK)
    wheels = _wheels(width, (0.3,), 0.36, 0.22)
    return VehicleModel('trailer', length + 1.2, width, collect(wheels, bed, drawbar))


def other_vehicle(rng: np.random.Generator, lit: bool) -> VehicleModel:
    """A farm tractor / utility machine (an ignored class of the official labels)."""
    color = pick_color(rng, ((40, 120, 40), (230, 120, 20), (200, 30, 30)))
    hood = box(-0.45, 0.45, 0.6, 1.35, 0.0, 1.6, color)
    hood['front'].decals += _lamps(lit, True, ((0.1, 0.3), (0.7, 0.9)), 0.6, 0.8)
    cab = box(-0.75, 0.75, 1.1, 2.5, -1.2, 0.0, color)
    for side in ('left', 'right', 'front', 'rear'):
        cab[side].decals.append(Decal(rect(0.08, 0.3, 0.92, 0.92), GLASS))
    wheels = []
    for sign in (-1.0, 1.0):
        wheels += wheel(sign * 0.95, 0.75, -0.6, 0.75, 0.4, TYRE, (200, 160, 30))
        wheels += wheel(sign * 0.7, 0.42, 1.2, 0.42, 0.25, TYRE, (200, 160, 30))
    return VehicleModel('other vehicle', 3.4, 2.3, collect(wheels, hood, cab))


#: Model builders by label category.
BUILDERS: Dict[str, Callable[[np.random.Generator, bool], VehicleModel]] = {
    'car': car, 'truck': truck, 'bus': bus, 'train': train, 'motorcycle': motorcycle,
    'bicycle': bicycle, 'trailer': trailer, 'other vehicle': other_vehicle}
