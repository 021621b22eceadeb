"""People: an 18-joint skeleton in a posture (walking, standing, cycling, seated) and its drawing.

The joints come in the order of ``labels.categories.POSE_JOINTS`` (head, neck, right arm, left arm,
right leg, left leg, then the four extremities), so the pose label of a pedestrian is the very
skeleton the pedestrian is drawn from. Body frame: ``x`` the person's right, ``y`` up, ``z`` the way
the person faces.
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

from .camera import Camera
from .canvas import Color, Shape
from .randomness import pick_color
from .solids import Placement

# Joint indices, in POSE_JOINTS order.
HEAD, NECK = 0, 1
R_SHOULDER, R_ELBOW, R_WRIST, L_SHOULDER, L_ELBOW, L_WRIST = 2, 3, 4, 5, 6, 7
R_HIP, R_KNEE, R_ANKLE, L_HIP, L_KNEE, L_ANKLE = 8, 9, 10, 11, 12, 13
R_HAND, L_HAND, R_FOOT, L_FOOT = 14, 15, 16, 17
NUM_JOINTS = 18

# Body proportions, as fractions of the standing height.
TORSO = 0.34
HEAD_ABOVE_NECK = 0.075
HEAD_RADIUS = 0.068
SHOULDER_HALF = 0.12
SHOULDER_DROP = 0.035
HIP_HALF = 0.085
UPPER_ARM, FOREARM, HAND = 0.175, 0.15, 0.09
THIGH, SHIN, FOOT = 0.245, 0.235, 0.12
ANKLE_HEIGHT = 0.04
# Limb thickness, as fractions of the height.
ARM_WIDTH, FOREARM_WIDTH, THIGH_WIDTH, SHIN_WIDTH = 0.06, 0.048, 0.085, 0.065
#: Limbs drawn as thick lines: joint pair, thickness, and the outfit colour they wear.
LIMBS = (((R_HIP, R_KNEE), THIGH_WIDTH, 'trousers'), ((L_HIP, L_KNEE), THIGH_WIDTH, 'trousers'),
         ((R_KNEE, R_ANKLE), SHIN_WIDTH, 'trousers'), ((L_KNEE, L_ANKLE), SHIN_WIDTH, 'trousers'),
         ((R_ANKLE, R_FOOT), SHIN_WIDTH, 'shoes'), ((L_ANKLE, L_FOOT), SHIN_WIDTH, 'shoes'),
         ((R_SHOULDER, R_ELBOW), ARM_WIDTH, 'shirt'), ((L_SHOULDER, L_ELBOW), ARM_WIDTH, 'shirt'),
         ((R_ELBOW, R_WRIST), FOREARM_WIDTH, 'skin'), ((L_ELBOW, L_WRIST), FOREARM_WIDTH, 'skin'),
         ((R_WRIST, R_HAND), FOREARM_WIDTH * 0.8, 'skin'),
         ((L_WRIST, L_HAND), FOREARM_WIDTH * 0.8, 'skin'))

SKIN_TONES: Tuple[Color, ...] = ((241, 194, 167), (224, 172, 105), (198, 134, 66),
                                 (141, 85, 36), (92, 58, 34))
HAIR_COLORS: Tuple[Color, ...] = ((25, 20, 18), (60, 40, 25), (110, 80, 45), (170, 140, 90),
                                  (140, 140, 140))
CLOTH_COLORS: Tuple[Color, ...] = ((30, 30, 35), (200, 40, 40), (40, 70, 160), (230, 230, 225),
                                   (60, 120, 60), (240, 190, 40), (120, 70, 140), (100, 100, 105),
                                   (200, 110, 40), (50, 160, 180), (170, 40, 90))
SHOE_COLORS: Tuple[Color, ...] = ((20, 20, 20), (70, 50, 35), (230, 230, 230))
TROUSER_COLORS: Tuple[Color, ...] = ((30, 35, 60), (40, 40, 40), (90, 80, 70), (60, 75, 120),
                                     (150, 130, 100), (20, 20, 20))


@dataclass(frozen=True)
class Outfit:
    """Colours of one person."""

    skin: Color
    hair: Color
    shirt: Color
    trousers: Color
    shoes: Color


def sample_outfit(rng: np.random.Generator) -> Outfit:
    """A random outfit."""
    return Outfit(*(pick_color(rng, colors) for colors in (SKIN_TONES, HAIR_COLORS, CLOTH_COLORS,
                                                          TROUSER_COLORS, SHOE_COLORS)))


@dataclass(frozen=True)
class Posture:
    """Joint angles (radians). Limb pitches are measured from straight down, positive forward.

    Attributes:
        lean: forward tilt of the torso.
        thigh: pitch of the right and left thigh.
        knee: bend of the right and left knee (the shin pitches ``thigh - knee``).
        upper_arm: pitch of the right and left upper arm.
        elbow: bend of the right and left elbow (the forearm pitches ``upper_arm + elbow``).
    """

    lean: float
    thigh: Tuple[float, float]
    knee: Tuple[float, float]
    upper_arm: Tuple[float, float]
    elbow: Tuple[float, float]


def walking(phase: float, stride: float = 0.42) -> Posture:
    """A walking posture at gait ``phase`` (radians)."""
    swing = np.sin(phase)
    knee_r = 0.12 + 0.55 * max(0.0, np.cos(phase))
    knee_l = 0.12 + 0.55 * max(0.0, -np.cos(phase))
    return Posture(0.05, (stride * swing, -stride * swing), (knee_r, knee_l),
                   (-0.6 * stride * swing, 0.6 * stride * swing), (0.3, 0.3))


def standing(rng: np.random.Generator) -> Posture:
    """A standing posture with a little random variation."""
    arms = rng.uniform(-0.15, 0.35, 2)
    return Posture(float(rng.uniform(-0.03, 0.08)), tuple(rng.uniform(-0.08, 0.08, 2)),
                   tuple(rng.uniform(0.0, 0.12, 2)), (float(arms[0]), float(arms[1])),
                   tuple(rng.uniform(0.1, 0.9, 2)))


def cycling(phase: float) -> Posture:
    """Pedalling a bicycle (hands forward on the handlebar)."""
    pedal = 0.35 * np.sin(phase)
    return Posture(0.45, (1.0 + pedal, 1.0 - pedal), (1.4 + pedal, 1.4 - pedal), (1.0, 1.0),
                   (0.15, 0.15))


def motorcycling() -> Posture:
    """Riding a motorcycle (feet on the pegs)."""
    return Posture(0.35, (1.15, 1.15), (1.7, 1.7), (1.05, 1.05), (0.35, 0.35))


def seated() -> Posture:
    """Sitting on a bench or a step."""
    return Posture(0.05, (1.5, 1.45), (1.5, 1.45), (0.35, 0.3), (0.8, 0.85))


def _direction(pitch: float, splay: float = 0.0) -> np.ndarray:
    return np.array([splay, -np.cos(pitch), np.sin(pitch)])


def skeleton(height: float, posture: Posture,
             pelvis: Optional[Sequence[float]] = None) -> np.ndarray:
    """The ``(18, 3)`` joints in the body frame.

    Args:
        height: standing height, metres.
        posture: joint angles.
        pelvis: position of the pelvis centre; by default the lower foot rests on the ground.
    """
    h = height
    joints = np.zeros((NUM_JOINTS, 3))
    lean = np.array([0.0, np.cos(posture.lean), np.sin(posture.lean)])
    legs = []
    for side, (hip_index, knee_index, ankle_index, foot_index) in enumerate(
            ((R_HIP, R_KNEE, R_ANKLE, R_FOOT), (L_HIP, L_KNEE, L_ANKLE, L_FOOT))):
        thigh, knee = posture.thigh[side], posture.knee[side]
        sign = 1.0 if side == 0 else -1.0
        hip = np.array([sign * HIP_HALF * h, 0.0, 0.0])
        knee_point = hip + THIGH * h * _direction(thigh)
        ankle = knee_point + SHIN * h * _direction(thigh - knee)
        foot = ankle + FOOT * h * np.array([0.0, -0.25, 0.97])
        legs.append((hip_index, knee_index, ankle_index, foot_index, hip, knee_point, ankle, foot))
    if pelvis is None:
        lowest = min(min(leg[6][1], leg[7][1]) for leg in legs)
        pelvis = np.array([0.0, ANKLE_HEIGHT * h * 0.5 - lowest, 0.0])
    pelvis = np.asarray(pelvis, dtype=float)
    for hip_index, knee_index, ankle_index, foot_index, hip, knee_point, ankle, foot in legs:
        joints[[hip_index, knee_index, ankle_index, foot_index]] = (
            np.stack([hip, knee_point, ankle, foot]) + pelvis)
    neck = pelvis + TORSO * h * lean
    joints[NECK] = neck
    joints[HEAD] = neck + HEAD_ABOVE_NECK * h * lean
    for side, (shoulder_index, elbow_index, wrist_index, hand_index) in enumerate(
            ((R_SHOULDER, R_ELBOW, R_WRIST, R_HAND), (L_SHOULDER, L_ELBOW, L_WRIST, L_HAND))):
        sign = 1.0 if side == 0 else -1.0
        shoulder = neck + np.array([sign * SHOULDER_HALF * h, -SHOULDER_DROP * h, 0.0])
        upper, elbow = posture.upper_arm[side], posture.elbow[side]
        elbow_point = shoulder + UPPER_ARM * h * _direction(upper, sign * 0.08)
        wrist = elbow_point + FOREARM * h * _direction(upper + elbow, sign * 0.04)
        hand = wrist + HAND * h * _direction(upper + elbow)
        joints[[shoulder_index, elbow_index, wrist_index, hand_index]] = np.stack(
            [shoulder, elbow_point, wrist, hand])
    return joints


def _convex_hull(points: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain on a few 2D points."""
    ordered = sorted(map(tuple, points))
    if len(ordered) < 3:
        return np.array(ordered)

    def half(sequence):
        chain: List[tuple] = []
        for point in sequence:
            while len(chain) >= 2 and ((chain[-1][0] - chain[-2][0]) * (point[1] - chain[-2][1]) -
                                       (chain[-1][1] - chain[-2][1]) *
                                       (point[0] - chain[-2][0])) <= 0:
                chain.pop()
            chain.append(point)
        return chain
    lower, upper = half(ordered), half(reversed(ordered))
    return np.array(lower[:-1] + upper[:-1])


def _torso_corners(joints: np.ndarray, height: float) -> np.ndarray:
    """Corners of the torso block between hips and shoulders (body frame)."""
    depth = np.array([0.0, 0.0, 0.065 * height])
    corners = []
    for index in (R_SHOULDER, L_SHOULDER, R_HIP, L_HIP):
        corners.extend([joints[index] + depth, joints[index] - depth])
    top = (joints[R_SHOULDER] + joints[L_SHOULDER]) / 2
    corners.extend(
        [top + [0.0, 0.03 * height, 0.0] + depth, top + [0.0, 0.03 * height, 0.0] - depth])
    return np.array(corners)


def facing_away(placement: Placement) -> bool:
    """Whether a person placed so shows the camera their back."""
    forward = np.array([np.sin(placement.yaw), np.cos(placement.yaw)])
    return bool(forward @ [placement.s, placement.z] > 0)


def figure_shapes(local_joints: np.ndarray, placement: Placement, height: float, outfit: Outfit,
                  camera: Camera) -> List[Shape]:
    """The shapes of a person, far parts first (the head last).

    Args:
        local_joints: joints in the body frame (all in front of the near plane once placed).
        placement: where the person stands and faces.
        height: standing height, metres.
        outfit: colours.
        camera: the dashcam.
    """
    world_joints = placement.apply(local_joints)
    image = camera.project(world_joints)
    depth = world_joints[:, 2]

    def limb(indices: Tuple[int, int], width: float, color: Color) -> Tuple[float, Shape]:
        mean_depth = float(depth[list(indices)].mean())
        pixels = max(2.0, camera.pixels(width * height, mean_depth))
        return mean_depth, Shape('line', image[list(indices)], color, width=int(round(pixels)))

    parts = [limb(indices, width, getattr(outfit, cloth)) for indices, width, cloth in LIMBS]
    torso_world = placement.apply(_torso_corners(local_joints, height))
    parts.append((float(torso_world[:, 2].mean()),
                  Shape('polygon', _convex_hull(camera.project(torso_world)), outfit.shirt)))
    parts.sort(key=lambda part: -part[0])
    shapes = [shape for _, shape in parts]
    radius = camera.pixels(HEAD_RADIUS * height, float(depth[HEAD]))
    centre = image[HEAD]
    back = facing_away(placement)
    shapes.append(Shape('ellipse', np.array([centre - [radius * 0.85, radius],
                                             centre + [radius * 0.85, radius]]),
                        outfit.hair if back else outfit.skin))
    if not back:
        shapes.append(Shape('ellipse', np.array([centre - [radius * 0.88, radius * 1.08],
                                                 centre + [radius * 0.88, -radius * 0.25]]),
                            outfit.hair))
    return shapes
