"""Weather and time of day on a painted frame: snow cover, light, sky and clouds, fog, glowing
lamps, rain and snow in the air, sensor noise.

Every step is one whole-frame operation in Pillow's C code (colour matrices, masked composites,
channel arithmetic), so a frame costs a few milliseconds. Only the colours change: the masks of a
frame do not depend on its weather.
"""
from functools import lru_cache
from typing import Dict, Tuple

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from ..labels.categories import SEM_SEG_CLASSES
from .camera import IMAGE_HEIGHT, IMAGE_WIDTH, Camera
from .canvas import DEPTH_STEP, FAR_DEPTH_LEVEL, Color
from .conditions import Conditions

SIZE = (IMAGE_WIDTH, IMAGE_HEIGHT)
SKY = SEM_SEG_CLASSES.index('sky')
#: Share of snow cover per semantic class (the rest stays clear).
SNOW_COVER: Dict[str, float] = {'sidewalk': 0.6, 'terrain': 0.7, 'vegetation': 0.45, 'road': 0.15,
                                'building': 0.1}
#: Sky colours (zenith, horizon).
SKIES: Dict[str, Tuple[Color, Color]] = {
    'clear': ((64, 115, 204), (178, 209, 242)), 'cloudy': ((140, 148, 158), (199, 204, 209)),
    'dawn/dusk': ((64, 64, 128), (250, 158, 90)), 'night': ((3, 3, 8), (18, 18, 26))}
#: Global light per channel by time of day (night adds the ego headlights).
LIGHT: Dict[str, Tuple[float, float, float]] = {
    'daytime': (1.0, 1.0, 1.0), 'dawn/dusk': (0.82, 0.62, 0.5), 'night': (0.16, 0.17, 0.22)}
#: Weathers whose air thickens with distance (they need the depth layer), and their visibility (m).
HAZY: Dict[str, Tuple[float, float]] = {'foggy': (25.0, 55.0), 'rainy': (180.0, 260.0),
                                        'snowy': (130.0, 200.0)}
FOG: Color = (184, 186, 191)
NOISE_LEVEL = 2.0
NOISE_MARGIN = 64


@lru_cache(maxsize=1)
def _noise() -> Image.Image:
    """A fixed luminance-noise field around 128 (the same on every run), cropped per frame."""
    field = np.random.default_rng(0).standard_normal(
        (IMAGE_HEIGHT + NOISE_MARGIN, IMAGE_WIDTH + NOISE_MARGIN))
    gray = Image.fromarray(np.clip(128 + NOISE_LEVEL * field, 0, 255).astype(np.uint8))
    return Image.merge('RGB', (gray, gray, gray))


@lru_cache(maxsize=16)
def _sky(key: str, horizon: float) -> Image.Image:
    """The sky gradient, zenith to horizon."""
    top, bottom = (np.array(color, dtype=np.float32) for color in SKIES[key])
    weight = np.clip(np.arange(IMAGE_HEIGHT, dtype=np.float32) / max(horizon, 1.0), 0, 1) ** 1.5
    rows = top[None] * (1 - weight[:, None]) + bottom[None] * weight[:, None]
    column = Image.fromarray(rows.astype(np.uint8)[:, None, :])
    return column.resize(SIZE, Image.NEAREST)


def _sky_key(conditions: Conditions) -> str:
    if conditions.timeofday in ('night', 'dawn/dusk'):
        return conditions.timeofday
    return 'clear' if conditions.weather in ('clear', 'partly cloudy') else 'cloudy'


def _clouds(rng: np.random.Generator, amount: float) -> Image.Image:
    """A soft cloud-cover mask (drawn small, then smoothly enlarged)."""
    small = Image.new('L', (IMAGE_WIDTH // 8, IMAGE_HEIGHT // 8))
    draw = ImageDraw.Draw(small)
    for _ in range(int(amount * 40)):
        x, y = rng.uniform(0, small.width), rng.uniform(0, small.height * 0.6)
        w, h = rng.uniform(6, 30), rng.uniform(2, 7)
        draw.ellipse([x - w, y - h, x + w, y + h], fill=int(rng.uniform(60, 130)))
    return small.filter(ImageFilter.GaussianBlur(2.5)).resize(SIZE, Image.BILINEAR)


@lru_cache(maxsize=8)
def _night_light(camera: Camera) -> Image.Image:
    """Night light as a multiplier image: darkness, plus the ego headlights on the road ahead."""
    rows = np.arange(IMAGE_HEIGHT, dtype=np.float32)[:, None]
    cols = np.arange(IMAGE_WIDTH, dtype=np.float32)[None, :]
    below = np.clip((rows - camera.horizon) / (IMAGE_HEIGHT - camera.horizon), 0, 1)
    lateral = np.exp(-((cols - camera.cx) / (IMAGE_WIDTH * (0.15 + 0.6 * below))) ** 2)
    pool = (0.9 * below ** 0.6 * lateral)[..., None] * np.array([0.75, 0.72, 0.6], dtype=np.float32)
    light = np.array(LIGHT['night'], dtype=np.float32) + pool
    return Image.fromarray((np.clip(light, 0, 1) * 255).astype(np.uint8))


def _matrix(scale: Tuple[float, float, float], saturation: float) -> Tuple[float, ...]:
    """A colour matrix that blends towards grey by ``1 - saturation``, then scales the channels."""
    gray = (0.299, 0.587, 0.114)
    rows = []
    for channel, factor in enumerate(scale):
        rows.extend(factor * ((1 - saturation) * gray[k] + (saturation if k == channel else 0.0))
                    for k in range(3))
        rows.append(0.0)
    return tuple(rows)


def _mask(values: np.ndarray) -> Image.Image:
    """A greyscale mask image from 0..255 values."""
    return Image.fromarray(values.astype(np.uint8))


def _precipitation(rng: np.random.Generator, weather: str) -> Image.Image:
    """A mask of rain streaks or snowflakes in the air."""
    layer = Image.new('L', SIZE)
    draw = ImageDraw.Draw(layer)
    if weather == 'rainy':
        count, slant = 700, rng.uniform(-0.25, 0.25)
        xs, ys = rng.uniform(0, IMAGE_WIDTH, count), rng.uniform(0, IMAGE_HEIGHT, count)
        lengths, shades = rng.uniform(12, 40, count), rng.integers(30, 80, count)
        for x, y, length, shade in zip(xs, ys, lengths, shades):
            draw.line([x, y, x + slant * length, y + length], fill=int(shade), width=1)
    else:
        count = 900
        xs, ys = rng.uniform(0, IMAGE_WIDTH, count), rng.uniform(0, IMAGE_HEIGHT, count)
        radii, shades = rng.uniform(0.8, 3.2, count), rng.integers(130, 210, count)
        for x, y, r, shade in zip(xs, ys, radii, shades):
            draw.ellipse([x - r, y - r, x + r, y + r], fill=int(shade))
    return layer


def _snow_cover(image: Image.Image, sem: np.ndarray) -> Image.Image:
    """Whitens the ground, the vegetation and (a little) the road and buildings."""
    cover = np.zeros(256, dtype=np.uint8)
    for name, share in SNOW_COVER.items():
        cover[SEM_SEG_CLASSES.index(name)] = int(255 * share)
    return Image.composite(Image.new('RGB', SIZE, (237, 239, 242)), image, _mask(cover[sem]))


def _light(image: Image.Image, conditions: Conditions, camera: Camera) -> Image.Image:
    """Night darkness with the ego headlights; dusk tint; dull, greyer daylight under clouds."""
    overcast = conditions.weather not in ('clear', 'partly cloudy')
    if conditions.timeofday == 'night':
        return ImageChops.multiply(image, _night_light(camera))
    if conditions.timeofday == 'dawn/dusk' or overcast:
        scale = LIGHT['dawn/dusk'] if conditions.timeofday == 'dawn/dusk' else (0.85, 0.85, 0.85)
        return image.convert('RGB', _matrix(scale, 0.7 if overcast else 1.0))
    return image


def _sky_with_clouds(conditions: Conditions, camera: Camera,
                     rng: np.random.Generator) -> Image.Image:
    """The sky gradient, with clouds unless the weather is clear or foggy."""
    sky = _sky(_sky_key(conditions), camera.horizon)
    if conditions.weather not in ('partly cloudy', 'overcast', 'rainy', 'snowy'):
        return sky
    cloud = (230, 232, 235) if conditions.timeofday == 'daytime' else (40, 40, 46)
    cover = _clouds(rng, 0.4 if conditions.weather == 'partly cloudy' else 1.0)
    return Image.composite(Image.new('RGB', SIZE, cloud), sky, cover)


def _haze(image: Image.Image, depth: np.ndarray, conditions: Conditions,
          rng: np.random.Generator) -> Image.Image:
    """Blends far things into the fog colour (thick fog hides the sky too)."""
    foggy = conditions.weather == 'foggy'
    levels = np.arange(256, dtype=np.float32) * DEPTH_STEP
    transmission = np.exp(-levels / rng.uniform(*HAZY[conditions.weather]))
    transmission[FAR_DEPTH_LEVEL] = 0.0 if foggy else 1.0
    fog = tuple(int(c * light ** 0.7) for c, light in zip(FOG, LIGHT[conditions.timeofday]))
    return Image.composite(image, Image.new('RGB', SIZE, fog), _mask((transmission * 255)[depth]))


def _lamps(image: Image.Image, glow: np.ndarray, night: bool) -> Image.Image:
    """Adds the lit lamps and their glare."""
    lamps = Image.fromarray(glow)
    small = lamps.resize((IMAGE_WIDTH // 4, IMAGE_HEIGHT // 4), Image.BOX)
    gain = 1.6 if night else 0.8
    halo = small.filter(ImageFilter.GaussianBlur(3)).resize(SIZE, Image.BILINEAR)
    halo = halo.point(lambda value: min(255, int(value * gain)))
    return ImageChops.add(ImageChops.add(image, lamps.point(lambda value: int(value * 0.8))), halo)


def finish(rgb: np.ndarray, sem: np.ndarray, depth: np.ndarray, glow: np.ndarray,
           conditions: Conditions, camera: Camera, rng: np.random.Generator) -> np.ndarray:
    """The final ``H x W x 3`` uint8 frame.

    Args:
        rgb: the painted colours (uint8).
        sem: semantic class ids (where the sky is, what snow covers).
        depth: depth-layer levels (fog thickness; used in :data:`HAZY` weathers only).
        glow: colours of the lit lamps (uint8), black elsewhere (used when lamps are on only).
        conditions: weather and time of day.
        camera: the dashcam (horizon, headlights).
        rng: randomness of this frame (clouds, fog, rain, noise offsets).
    """
    weather = conditions.weather
    image = Image.fromarray(rgb)
    if weather == 'snowy':
        image = _snow_cover(image, sem)
    image = _light(image, conditions, camera)
    image.paste(_sky_with_clouds(conditions, camera, rng), (0, 0), _mask((sem == SKY) * 255))
    if weather in HAZY:
        image = _haze(image, depth, conditions, rng)
    if conditions.lamps_on and glow.any():
        image = _lamps(image, glow, conditions.timeofday == 'night')
    if weather in ('rainy', 'snowy'):
        tone = (217, 217, 220) if conditions.timeofday == 'daytime' else (115, 115, 120)
        image = Image.composite(Image.new('RGB', SIZE, tone), image, _precipitation(rng, weather))
    dx, dy = (int(v) for v in rng.integers(0, NOISE_MARGIN, size=2))
    noise = _noise().crop((dx, dy, dx + IMAGE_WIDTH, dy + IMAGE_HEIGHT))
    return np.asarray(ImageChops.add(image, noise, scale=1.0, offset=-128))
