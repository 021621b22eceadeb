"""Setting up one image or video ("shot"): scene type, conditions, camera, featured classes, then
the world and its cast, staged until the featured classes show in the first frame.

The first shots of every split cycle through a fixed rotation of scenes and featured classes, so
even a handful of images or videos per split shows every class; later shots are random.
"""
from dataclasses import dataclass
from typing import Optional, Sequence, Set, Tuple

import numpy as np

from .annotate import is_labelled
from .camera import Camera
from .conditions import Conditions, sample_conditions
from .population import Cast, populate
from .render import RenderedFrame, render_frame
from .world import SCENE_WEIGHTS, SCENES, World, build_world

#: Frames per second of the generated videos (BDD100K tracking videos are annotated at 5 fps).
FPS = 5.0
#: Scene and featured classes of the first shots of a split.
ROTATION: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ('city street', ('bus', 'motorcycle', 'bicycle', 'pedestrian', 'traffic light',
                     'traffic sign')),
    ('residential', ('truck', 'bicycle', 'motorcycle', 'pedestrian', 'traffic sign')),
    ('city street', ('train', 'truck', 'bus', 'pedestrian', 'traffic light', 'traffic sign')),
    ('highway', ('bus', 'truck', 'motorcycle', 'traffic sign')),
)
#: Classes a scene type never shows (no sidewalks on highways, no traffic lights off city streets).
ABSENT = {'highway': ('pedestrian', 'bicycle', 'traffic light'), 'residential': ('traffic light',)}
#: Stagings tried per shot to get every featured class in view.
ATTEMPTS = 3
#: A featured object counts as shown when this share of it is visible.
FEATURED_VISIBLE_SHARE = 0.3
#: Odds that a later shot features each class.
FEATURE_ODDS = {'truck': 0.5, 'bus': 0.4, 'motorcycle': 0.4, 'bicycle': 0.4, 'pedestrian': 0.7,
                'traffic sign': 0.7, 'traffic light': 0.5, 'train': 0.08}


@dataclass(frozen=True)
class Shot:
    """How one image or video is set up.

    Attributes:
        conditions: weather, scene and time of day.
        featured: classes placed in view at the start.
        with_crossing: whether the road has a cross street ahead (``None``: the scene decides).
        camera: the dashcam.
        hood: height in pixels of the ego bonnet at the bottom of the image (0: not visible).
    """

    conditions: Conditions
    featured: Tuple[str, ...]
    with_crossing: Optional[bool]
    camera: Camera
    hood: float


def plan_shot(rng: np.random.Generator, index: int, categories: Sequence[str]) -> Shot:
    """The set-up of the ``index``-th shot of a split, featuring only ``categories``."""
    if index < len(ROTATION):
        scene, featured = ROTATION[index]
    else:
        scene = str(rng.choice(SCENES, p=SCENE_WEIGHTS))
        featured = tuple(name for name, odds in FEATURE_ODDS.items() if rng.random() < odds)
    featured = tuple(name for name in featured
                     if name in categories and name not in ABSENT.get(scene, ()))
    conditions = sample_conditions(rng, scene)
    with_crossing = True if 'traffic light' in featured or 'train' in featured else None
    camera = Camera(focal=float(rng.uniform(760.0,
                                            840.0)), cx=float(640.0 + rng.uniform(-15.0, 15.0)),
                    horizon=float(rng.uniform(335.0, 385.0)), height=float(rng.uniform(1.3, 1.6)),
                    bend=float(rng.uniform(-1.0, 1.0) * (0.0007 if scene == 'highway' else 0.002)))
    hood = float(rng.uniform(25.0, 60.0)) if rng.random() < 0.5 else 0.0
    return Shot(conditions, featured, with_crossing, camera, hood)


def stage(rng: np.random.Generator, shot: Shot, duration: float,
          allow_ignored: bool) -> Tuple[World, Cast]:
    """The world and cast of a shot lasting ``duration`` seconds."""
    night = shot.conditions.timeofday != 'daytime'
    world = build_world(rng, shot.conditions.scene, 220.0 + 30.0 * duration, night,
                        shot.with_crossing)
    cast = populate(rng, world, shot.conditions, duration, shot.featured, allow_ignored)
    return world, cast


def _shown(frame: RenderedFrame) -> Set[str]:
    """Categories clearly seen in a frame (labelled and mostly visible)."""
    return {record.actor.category for record in frame.objects
            if is_labelled(record)
            and record.visible >= FEATURED_VISIBLE_SHARE * record.footprint.pixels}


@dataclass
class Take:
    """A staged shot and its first frame."""

    shot: Shot
    world: World
    cast: Cast
    first_frame: RenderedFrame

    def frame(self, t: float, rng: np.random.Generator) -> RenderedFrame:
        """The frame at time ``t`` (seconds)."""
        if t == 0.0:
            return self.first_frame
        return render_frame(self.world, self.cast, self.shot.conditions, self.shot.camera, t, rng,
                            self.shot.hood)


def shoot(rng: np.random.Generator, index: int, categories: Sequence[str], duration: float,
          allow_ignored: bool) -> Take:
    """Plans and stages the ``index``-th shot of a split until its featured classes show.

    Nearer traffic can hide a featured object; the shot is then staged again (a few times at most,
    keeping the attempt that shows the most featured classes).
    """
    shot = plan_shot(rng, index, categories)
    best: Optional[Take] = None
    for _ in range(ATTEMPTS):
        world, cast = stage(rng, shot, duration, allow_ignored)
        frame = render_frame(world, cast, shot.conditions, shot.camera, 0.0, rng, shot.hood)
        take = Take(shot, world, cast, frame)
        missing = set(shot.featured) - _shown(frame)
        if not missing:
            return take
        if best is None or len(missing) < len(set(shot.featured) - _shown(best.first_frame)):
            best = take
    return best
