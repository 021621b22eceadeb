"""Flat-shaded 3D solids (boxes, frustums, wheel prisms) and their projection into 2D shapes.

Objects are built in their own frame (``x`` right, ``y`` up, ``z`` forward = the way they face),
then placed at a road position with a yaw. Faces turned away from the camera are dropped, the others
are painted far to near, so a solid assembly occludes itself correctly from any side. Details
(windows, lamps) are decals: polygons in a face's ``(u, v)`` coordinates, ``u`` left to right and
``v`` bottom to top as seen from outside.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Sequence

import numpy as np

from .camera import NEAR_PLANE, Camera, clip_near
from .canvas import Color, Shape

#: Direction the scene light comes from (right, up, towards the camera), normalised.
LIGHT = np.array([0.45, 0.8, -0.4]) / np.linalg.norm([0.45, 0.8, -0.4])
AMBIENT = 0.55
DIFFUSE = 0.5
#: Below this many face pixels per decal, only glowing decals are drawn (details too small to see).
MIN_DECAL_AREA = 40.0
_X = np.array([1.0, 0.0, 0.0])


@dataclass
class Decal:
    """A polygon painted on a face, in the face's ``(u, v)`` unit square."""

    uv: np.ndarray
    color: Color
    glow: bool = False


@dataclass
class Face:
    """A planar polygon with its outward unit normal (object frame).

    Quads map decal coordinates as ``v0 -> v1`` (u) and ``v0 -> v3`` (v).
    """

    vertices: np.ndarray
    color: Color
    normal: np.ndarray
    decals: List[Decal] = field(default_factory=list)


def make_face(vertices: Sequence, color: Color, inside: Sequence[float]) -> Face:
    """A face whose normal points away from ``inside`` (a point within its convex solid)."""
    points = np.asarray(vertices, dtype=float)
    (ax, ay, az), (bx, by, bz) = points[1] - points[0], points[-1] - points[0]
    normal = np.array([ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx])
    normal /= np.sqrt(normal @ normal)
    if normal @ (points.mean(axis=0) - np.asarray(inside, dtype=float)) < 0:
        normal = -normal
    return Face(points, color, normal)


@dataclass(frozen=True)
class Placement:
    """Where an object stands: road position of its origin and its yaw (0: facing away, +z)."""

    s: float
    z: float
    yaw: float = 0.0
    y: float = 0.0

    def rotate(self, local: np.ndarray) -> np.ndarray:
        """Object-frame ``(N, 3)`` directions to road coordinates."""
        cos, sin = np.cos(self.yaw), np.sin(self.yaw)
        x, y, z = local[:, 0], local[:, 1], local[:, 2]
        return np.stack([x * cos + z * sin, y, -x * sin + z * cos], axis=1)

    def apply(self, local: np.ndarray) -> np.ndarray:
        """Object-frame ``(N, 3)`` points to road coordinates."""
        return self.rotate(local) + [self.s, self.y, self.z]


def rect(u0: float, v0: float, u1: float, v1: float) -> np.ndarray:
    """A decal rectangle in face coordinates."""
    return np.array([[u0, v0], [u1, v0], [u1, v1], [u0, v1]], dtype=float)


def disc(u: float, v: float, ru: float, rv: float, sides: int = 10) -> np.ndarray:
    """A decal disc (polygon) centred at ``(u, v)`` with radii ``ru``, ``rv``."""
    angles = np.linspace(0, 2 * np.pi, sides, endpoint=False)
    return np.stack([u + ru * np.cos(angles), v + rv * np.sin(angles)], axis=1)


def frustum(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, color: Color,
            inset_front: float = 0.0, inset_rear: float = 0.0, inset_side: float = 0.0,
            top: bool = True) -> Dict[str, Face]:
    """A box whose top is pulled in by the insets (a car cabin); faces keyed by side.

    Keys: ``front`` (+z), ``rear``, ``left``, ``right`` and ``top`` (no bottom: never seen from
    a dashcam above it).
    """
    tx0, tx1 = x0 + inset_side, x1 - inset_side
    tz0, tz1 = z0 + inset_rear, z1 - inset_front
    faces = {
        'front': [(x1, y0, z1), (x0, y0, z1), (tx0, y1, tz1), (tx1, y1, tz1)],
        'rear': [(x0, y0, z0), (x1, y0, z0), (tx1, y1, tz0), (tx0, y1, tz0)],
        'right': [(x1, y0, z0), (x1, y0, z1), (tx1, y1, tz1), (tx1, y1, tz0)],
        'left': [(x0, y0, z1), (x0, y0, z0), (tx0, y1, tz0), (tx0, y1, tz1)],
    }
    if top:
        faces['top'] = [(tx0, y1, tz0), (tx1, y1, tz0), (tx1, y1, tz1), (tx0, y1, tz1)]
    quads = np.array(list(faces.values()), dtype=float)
    normals = np.cross(quads[:, 1] - quads[:, 0], quads[:, 3] - quads[:, 0])
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    outward = np.einsum('ij,ij->i', normals,
                        quads.mean(axis=1) - [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2])
    normals[outward < 0] *= -1
    return {side: Face(quad, color, normal) for side, quad, normal in zip(faces, quads, normals)}


def box(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float,
        color: Color, top: bool = True) -> Dict[str, Face]:
    """An axis-aligned box in the object frame; faces keyed by side (see :func:`frustum`)."""
    return frustum(x0, x1, y0, y1, z0, z1, color, top=top)


def wheel(x: float, y: float, z: float, radius: float, width: float, color: Color,
          hub: Color, sides: int = 8) -> List[Face]:
    """A wheel: a prism with its axis along ``x``, centred at ``(x, y, z)``, and a hub disc outside.

    ``x`` is on the outer side of the vehicle when non-zero (the hub faces away from ``x = 0``);
    a centred wheel (motorcycles) gets a hub on both sides.
    """
    angles = np.linspace(0, 2 * np.pi, sides, endpoint=False)
    ring = np.stack([np.zeros(sides), y + radius * np.sin(angles), z + radius * np.cos(angles)],
                    axis=1)
    outer, inner = ring + [x + width / 2, 0, 0], ring + [x - width / 2, 0, 0]
    following = np.roll(np.arange(sides), -1)
    treads = np.stack([inner, outer, outer[following], inner[following]], axis=1)
    middle = angles + np.pi / sides
    normals = np.stack([np.zeros(sides), np.sin(middle), np.cos(middle)], axis=1)
    faces = [Face(outer, color, _X), Face(inner, color, -_X)]
    faces += [Face(tread, color, normal) for tread, normal in zip(treads, normals)]
    disc_ring = np.stack([np.zeros(sides), y + 0.55 * radius * np.sin(angles),
                          z + 0.55 * radius * np.cos(angles)], axis=1)
    for sign in ((1.0, -1.0) if x == 0 else (float(np.sign(x)),)):
        faces.append(Face(disc_ring + [x + sign * (width / 2 + 0.01), 0, 0], hub, sign * _X))
    return faces


def _shade(color: Color, normal: np.ndarray) -> Color:
    light = AMBIENT + DIFFUSE * max(0.0, float(normal @ LIGHT))
    return (int(min(255,
                    color[0] * light)), int(min(255,
                                                color[1] * light)), int(min(255, color[2] * light)))


def _uv_to_points(face: np.ndarray, uv: np.ndarray) -> np.ndarray:
    """Bilinear map of face-coordinate points onto a quad face."""
    v0, v1, v2, v3 = face[:4]
    u, v = uv[:, :1], uv[:, 1:]
    return (1 - u) * (1 - v) * v0 + u * (1 - v) * v1 + u * v * v2 + (1 - u) * v * v3


def project_polygon(points: np.ndarray, camera: Camera) -> np.ndarray:
    """Road-coordinate polygon -> pixel polygon, clipped to the near plane (may come back empty)."""
    clipped = clip_near(points)
    if len(clipped) < 3:
        return np.zeros((0, 2))
    return camera.project(clipped)


def _decal_shapes(decals: Sequence[Decal], points: np.ndarray, normal: np.ndarray, camera: Camera,
                  in_front: bool) -> List[Shape]:
    """Decals of a visible face, mapped onto its placed corners and projected together."""
    uvs = [decal.uv for decal in decals]
    bounds = np.cumsum([len(uv) for uv in uvs])[:-1]
    world = _uv_to_points(points, np.concatenate(uvs))
    if in_front:
        polygons = np.split(camera.project(world), bounds)
    else:
        polygons = [project_polygon(corners, camera) for corners in np.split(world, bounds)]
    shapes = []
    for decal, polygon in zip(decals, polygons):
        if len(polygon):
            color = decal.color if decal.glow else _shade(decal.color, normal)
            shapes.append(Shape('polygon', polygon, color, solid=False, glow=decal.glow))
    return shapes


def render_faces(faces: Sequence[Face], placement: Placement, camera: Camera) -> List[Shape]:
    """The 2D shapes of a solid assembly: visible faces far to near, each followed by its decals."""
    if not faces:
        return []
    counts = np.array([len(face.vertices) for face in faces])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    world = placement.apply(np.concatenate([face.vertices for face in faces]))
    centres = np.add.reduceat(world, starts, axis=0) / counts[:, None]
    normals = placement.rotate(np.array([face.normal for face in faces]))
    # the camera seen from the road frame (the bend shifts it sideways at the objects' distance)
    eye = np.array([-camera.bend * float(world[:, 2].mean()) ** 2, camera.height, 0.0])
    facing = np.einsum('ij,ij->i', normals, centres - eye) < 0
    if not facing.any():
        return []
    distance = np.linalg.norm(centres - eye, axis=1)
    in_front = np.minimum.reduceat(world[:, 2], starts) >= NEAR_PLANE
    image = camera.project(np.where(world[:, 2:] >= NEAR_PLANE, world, [0.0, 0.0, NEAR_PLANE]))
    shapes: List[Shape] = []
    for index in sorted(np.flatnonzero(facing), key=lambda i: -distance[i]):
        face, start, end = faces[index], starts[index], starts[index] + counts[index]
        points = world[start:end]
        polygon = image[start:end] if in_front[index] else project_polygon(points, camera)
        if not len(polygon):
            continue
        shapes.append(Shape('polygon', polygon, _shade(face.color, normals[index])))
        decals = face.decals
        if decals:
            extent = polygon.max(axis=0) - polygon.min(axis=0)
            if extent[0] * extent[1] < MIN_DECAL_AREA * len(decals):
                decals = [decal for decal in decals if decal.glow]
        if decals:
            shapes.extend(
                _decal_shapes(decals, points, normals[index], camera, bool(in_front[index])))
    return shapes


def collect(*groups: Sequence) -> List[Face]:
    """Flattens face dicts and lists into one face list."""
    faces: List[Face] = []
    for group in groups:
        faces.extend(group.values() if isinstance(group, dict) else group)
    return faces
