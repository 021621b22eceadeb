"""Weather, scene and time of day of a generated image or video (the BDD100K frame tags)."""
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

import numpy as np

from .world import SCENE_WEIGHTS, SCENES

#: Weather tags the generator renders (a subset of TAGGING_ATTRIBUTES['weather']) and their odds.
WEATHERS: Tuple[str, ...] = ('clear', 'partly cloudy', 'overcast', 'rainy', 'snowy', 'foggy')
WEATHER_WEIGHTS: Tuple[float, ...] = (0.32, 0.14, 0.16, 0.14, 0.12, 0.12)
#: Times of day the generator renders (a subset of TAGGING_ATTRIBUTES['timeofday']) and their odds.
TIMES: Tuple[str, ...] = ('daytime', 'night', 'dawn/dusk')
TIME_WEIGHTS: Tuple[float, ...] = (0.55, 0.3, 0.15)


@dataclass(frozen=True)
class Conditions:
    """The frame attributes of a scene."""

    weather: str
    scene: str
    timeofday: str

    @property
    def lamps_on(self) -> bool:
        """Whether vehicle, street and building lights are switched on."""
        return self.timeofday != 'daytime' or self.weather == 'foggy'

    def tags(self) -> Dict[str, str]:
        """The Scalabel frame ``attributes`` (weather, scene, timeofday)."""
        return {'weather': self.weather, 'scene': self.scene, 'timeofday': self.timeofday}


def sample_conditions(rng: np.random.Generator, scene: Optional[str] = None) -> Conditions:
    """Random conditions; ``scene`` fixes the scene type."""
    if scene is None:
        scene = str(rng.choice(SCENES, p=SCENE_WEIGHTS))
    weather = str(rng.choice(WEATHERS, p=WEATHER_WEIGHTS))
    timeofday = str(rng.choice(TIMES, p=TIME_WEIGHTS))
    return Conditions(weather, scene, timeofday)
