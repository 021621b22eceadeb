"""Street furniture models: traffic lights, traffic signs, poles and street lamps.

Models are built facing ``+z`` in their own frame (place them with yaw ``pi`` to face the camera).
A traffic light shows its colour only from the front; from behind it is a dark box (colour "NA").
"""
from typing import Dict, List, Sequence, Tuple

import numpy as np

from .canvas import Color
from .solids import Decal, Face, box, collect, disc, make_face

POLE_GREY: Color = (125, 125, 122)
HOUSING_COLORS: Tuple[Color, ...] = ((38, 38, 34), (205, 170, 40), (60, 70, 60))
#: Lamps of a traffic light, top to bottom: their det_20 ``trafficLightColor`` value (the official
#: values are R, Y, G, and NA when no lit lamp is seen), lit colour and unlit colour.
LAMPS: Tuple[Tuple[str, Color, Color], ...] = (
    ('R', (255, 45, 30), (75, 22, 18)), ('Y', (255, 190, 25), (75, 58, 14)),
    ('G', (40, 255, 130), (16, 62, 34)))
SIGN_KINDS: Tuple[str, ...] = ('stop', 'speed', 'warning', 'yield', 'prohibition', 'info', 'street')
WHITE: Color = (235, 235, 230)
RED: Color = (200, 25, 30)
BLACK: Color = (25, 25, 25)

LIGHT_HALF_WIDTH, LIGHT_HEIGHT = 0.23, 1.2


def pole(height: float, radius: float = 0.09, color: Color = POLE_GREY) -> List[Face]:
    """A vertical pole standing at the origin."""
    return collect(box(-radius, radius, 0.0, height, -radius, radius, color))


def arm(length: float, height: float, color: Color = POLE_GREY) -> List[Face]:
    """A horizontal mast arm from the origin towards ``+x`` (a negative ``length``: ``-x``)."""
    x0, x1 = sorted((0.0, length))
    return collect(box(x0, x1, height - 0.22, height, -0.08, 0.08, color))


def traffic_light(color: str, housing: Color, lit: bool) -> List[Face]:
    """A three-lamp traffic light, its bottom at the origin; ``color`` is the lit lamp (R/Y/G)."""
    body = box(-LIGHT_HALF_WIDTH, LIGHT_HALF_WIDTH, 0.0, LIGHT_HEIGHT, -0.18, 0.18, housing)
    for index, (name, on, off) in enumerate(LAMPS):
        shape = disc(0.5, 1 - (index + 0.5) / 3, 0.32, 0.12)
        if name == color:
            body['front'].decals.append(Decal(shape, on, glow=lit))
        else:
            body['front'].decals.append(Decal(shape, off))
    plate = box(-0.34, 0.34, -0.12, LIGHT_HEIGHT + 0.12, -0.22, -0.18, BLACK)
    return collect(plate, body)


def _regular(sides: int, radius: float, rotation: float = 0.0) -> np.ndarray:
    angles = rotation + np.linspace(0, 2 * np.pi, sides, endpoint=False)
    return np.stack([radius * np.cos(angles), radius * np.sin(angles)], axis=1)


def _rectangle(width: float, height: float, centre: Tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    cx, cy = centre
    return np.array([[cx - width / 2, cy - height / 2], [cx + width / 2, cy - height / 2],
                     [cx + width / 2, cy + height / 2], [cx - width / 2, cy + height / 2]])


#: Sign designs: layers of (outline in metres around the sign centre, colour), back to front.
SIGN_LAYERS: Dict[str, Sequence[Tuple[np.ndarray, Color]]] = {
    'stop': ((_regular(8, 0.4, np.pi / 8), RED), (_regular(8, 0.37, np.pi / 8), WHITE),
             (_regular(8, 0.33, np.pi / 8), RED), (_rectangle(0.44, 0.1), WHITE)),
    'speed': ((_rectangle(0.6, 0.76), BLACK), (_rectangle(0.55, 0.71), WHITE),
              (_rectangle(0.38, 0.08, (0.0, 0.18)), BLACK), (_rectangle(0.3, 0.22,
                                                                        (0.0, -0.1)), BLACK)),
    'warning': ((_regular(4, 0.45), BLACK), (_regular(4, 0.41), (245, 200, 30)),
                (_rectangle(0.08, 0.32), BLACK)),
    'yield': ((_regular(3, 0.48, -np.pi / 2), RED), (_regular(3, 0.3, -np.pi / 2), WHITE)),
    'prohibition': ((_regular(20, 0.38), RED), (_regular(20, 0.3), WHITE), (_rectangle(0.46,
                                                                                       0.1), RED)),
    'info': ((_rectangle(0.7, 0.7), (30, 80, 170)), (_regular(3, 0.22, np.pi / 2), WHITE),
             (_rectangle(0.1, 0.3, (0.0, -0.15)), WHITE)),
    'street': ((_rectangle(1.3, 0.32), (20, 110, 60)), (_rectangle(1.22, 0.24), (30, 130, 75)),
               (_rectangle(0.9, 0.08), WHITE)),
}


def sign_height(kind: str) -> float:
    """Vertical extent of a sign design, metres."""
    outline = SIGN_LAYERS[kind][0][0]
    return float(outline[:, 1].max() - outline[:, 1].min())


def traffic_sign(kind: str, scale: float = 1.0) -> List[Face]:
    """A flat sign centred on the origin: its design on the front (``+z``), a grey back."""
    layers = SIGN_LAYERS[kind]
    outline = layers[0][0] * scale
    back = np.column_stack([outline, np.full(len(outline), -0.03)])
    faces = [make_face(back, (150, 150, 150), (0.0, 0.0, 1.0))]
    for depth, (shape, color) in enumerate(layers):
        points = np.column_stack([shape * scale, np.full(len(shape), 0.01 * depth)])
        faces.append(make_face(points, color, (0.0, 0.0, -1.0)))
    return faces


def street_lamp(height: float, reach: float, lit: bool) -> List[Face]:
    """A street lamp: pole, arm towards ``+x`` by ``reach`` (may be negative), lamp head."""
    x0, x1 = sorted((reach - 0.35, reach + 0.35))
    head = box(x0, x1, height - 0.35, height - 0.1, -0.2, 0.2, (90, 90, 90))
    glow = Decal(np.array([[0.1, 0.1], [0.9, 0.1], [0.9, 0.9], [0.1, 0.9]]), (255, 230, 170),
                 glow=lit)
    head['front'].decals.append(glow)
    head['rear'].decals.append(glow)
    return pole(height, 0.1) + arm(reach, height) + collect(head)
