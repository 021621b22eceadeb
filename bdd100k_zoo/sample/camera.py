"""The dashcam: a pinhole camera looking along a gently bending road.

Scene points are given in road coordinates ``(s, y, z)``: ``s`` metres to the right of the camera,
``y`` metres above the ground, ``z`` metres ahead. The road bends sideways by ``bend * z**2``, so a
point's camera-frame x is ``s + bend * z**2``.
"""
from dataclasses import dataclass

import numpy as np

IMAGE_WIDTH = 1280
IMAGE_HEIGHT = 720
#: Nothing closer than this is projected (polygons are clipped against this plane).
NEAR_PLANE = 0.5


@dataclass(frozen=True)
class Camera:
    """Intrinsics and pose of the dashcam.

    Attributes:
        focal: focal length in pixels.
        cx: principal point column.
        horizon: image row of the horizon (principal point row).
        height: camera height above the ground, metres.
        bend: road curvature (lateral metres per squared metre ahead).
    """

    focal: float = 800.0
    cx: float = IMAGE_WIDTH / 2
    horizon: float = 360.0
    height: float = 1.4
    bend: float = 0.0

    def project(self, points: np.ndarray) -> np.ndarray:
        """Projects ``(N, 3)`` road-coordinate points (``z >= NEAR_PLANE``) to ``(N, 2)`` pixels."""
        s, y, z = points[:, 0], points[:, 1], points[:, 2]
        u = self.cx + self.focal * (s + self.bend * z * z) / z
        v = self.horizon + self.focal * (self.height - y) / z
        return np.stack([u, v], axis=1)

    def ground_depth(self, rows: np.ndarray) -> np.ndarray:
        """Distance ahead of the ground seen at image ``rows`` (``inf`` from the horizon up)."""
        below = np.asarray(rows, dtype=np.float64) - self.horizon
        with np.errstate(divide='ignore'):
            return np.where(below > 0, self.focal * self.height / np.maximum(below, 1e-9), np.inf)

    def pixels(self, metres: float, z: float) -> float:
        """The image size of ``metres`` seen at distance ``z``."""
        return self.focal * metres / max(z, NEAR_PLANE)


def clip_near(polygon: np.ndarray, near: float = NEAR_PLANE) -> np.ndarray:
    """Clips a closed ``(N, 3)`` polygon to ``z >= near`` (Sutherland-Hodgman against one plane).

    Returns:
        The clipped polygon, possibly with fewer than 3 vertices (then nothing is visible).
    """
    inside = polygon[:, 2] >= near
    if inside.all():
        return polygon
    if not inside.any():
        return polygon[:0]
    result = []
    count = len(polygon)
    for index in range(count):
        current, following = polygon[index], polygon[(index + 1) % count]
        current_in, following_in = inside[index], inside[(index + 1) % count]
        if current_in:
            result.append(current)
        if current_in != following_in:
            t = (near - current[2]) / (following[2] - current[2])
            result.append(current + t * (following - current))
    return np.array(result)
