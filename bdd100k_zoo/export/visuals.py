"""Rendering Scalabel frames (boxes, RLE masks, pose graphs, tags) and class masks onto images.

One drawer serves every task because every prediction is a Scalabel frame (or, for sem_seg/drivable,
a class mask). Predictions can be drawn beside their ground truth, above a display threshold, as
mmdet's ``DetLocalVisualizer.add_datasample`` shows them. Visuals are written as a zip of JPEGs,
atomically.
"""
import io
import zipfile
from typing import Dict, Iterable, Iterator, Mapping, Optional, Sequence, Tuple

import numpy as np
from PIL import Image, ImageDraw

from ..labels.categories import POSE_JOINTS, POSE_SKELETON
from ..labels.masks import rle_decode
from .atomic import atomic_open

Color = Tuple[int, int, int]
MASK_ALPHA = 0.5
#: Predictions scored at or below this are not drawn (as mmdet's ``add_datasample``, 0.3).
SHOW_SCORE_THR = 0.3
#: Height of the caption band above each panel of :func:`draw_beside_truth`.
CAPTION_HEIGHT = 16


def class_color(category: str, classes: Sequence[str], palette: Sequence[Color]) -> Color:
    """The palette colour of a category (grey for categories outside ``classes``)."""
    if category in classes:
        return tuple(palette[list(classes).index(category) % len(palette)])
    return (128, 128, 128)


def track_color(track_id: str) -> Color:
    """A stable, well-saturated colour per track id (same id -> same colour in every frame)."""
    seed = sum((i + 1) * ord(c) for i, c in enumerate(str(track_id)))
    rng = np.random.default_rng(seed)
    color = rng.integers(40, 256, 3)
    color[rng.integers(0, 3)] = 255
    return tuple(int(c) for c in color)


def overlay_mask(image: np.ndarray, mask: np.ndarray, color: Color,
                 alpha: float = MASK_ALPHA) -> None:
    """Blends ``color`` into ``image`` (H x W x 3 uint8, in place) where ``mask`` is set."""
    region = mask.astype(bool)
    image[region] = ((1 - alpha) * image[region] + alpha * np.asarray(color)).astype(np.uint8)


def draw_frame(image: Image.Image, frame: Dict, classes: Sequence[str],
               palette: Sequence[Color], color_by_track: bool = False,
               score_thr: Optional[float] = None) -> Image.Image:
    """Draws a Scalabel frame's labels (masks, boxes with category/score, pose graphs, tags).

    Args:
        image: the frame's image.
        frame: a Scalabel frame dict.
        classes: class names, for palette colours.
        palette: one colour per class.
        color_by_track: colour labels by track id (videos) instead of by class.
        score_thr: if set, labels scored at or below it are not drawn (unscored labels, such as
            ground truth, always are).
    """
    canvas = np.array(image.convert('RGB'))
    labels = [label for label in frame.get('labels') or []
              if score_thr is None or label.get('score') is None or label['score'] > score_thr]

    def color_of(label: Dict) -> Color:
        if color_by_track and label.get('id') is not None:
            return track_color(label['id'])
        return class_color(label.get('category', ''), classes, palette)

    for label in labels:
        if label.get('rle'):
            overlay_mask(canvas, rle_decode(label['rle']), color_of(label))
    out = Image.fromarray(canvas)
    draw = ImageDraw.Draw(out)
    for label in labels:
        color = color_of(label)
        box = label.get('box2d')
        if box:
            # box2d is inclusive (x2 = x1 - 1 for a box under one pixel wide): draw it sorted
            x1, x2 = sorted((box['x1'], box['x2']))
            y1, y2 = sorted((box['y1'], box['y2']))
            draw.rectangle([x1, y1, x2, y2], outline=color, width=2)
            text = label.get('category', '')
            if color_by_track and label.get('id') is not None:
                text = f'{label["id"]} {text}'
            if label.get('score') is not None:
                text += f' {label["score"]:.2f}'
            draw.text((box['x1'] + 2, max(box['y1'] - 11, 0)), text, fill=color)
        if label.get('graph'):
            draw_pose(draw, label['graph'], color)
    if frame.get('attributes'):
        text = ', '.join(f'{k}: {v}' for k, v in sorted(frame['attributes'].items()))
        draw.rectangle([0, 0, 8 + 6 * len(text), 16], fill=(0, 0, 0))
        draw.text((4, 2), text, fill=(255, 255, 255))
    return out


def draw_beside_truth(image: Image.Image, prediction: Dict, truth: Dict, classes: Sequence[str],
                      palette: Sequence[Color], score_thr: float = SHOW_SCORE_THR,
                      color_by_track: bool = False) -> Image.Image:
    """The ground truth (left) and the predictions scored above ``score_thr`` (right), side by side.

    The layout of mmdet's ``DetLocalVisualizer.add_datasample`` (``draw_gt=True``), with a caption
    over each panel.

    Args:
        image: the frame's image.
        prediction: the predicted Scalabel frame.
        truth: the ground-truth Scalabel frame of the same image.
        classes: class names, for palette colours.
        palette: one colour per class.
        score_thr: predictions scored at or below it are not drawn.
        color_by_track: colour labels by track id (videos) instead of by class.
    """
    panels = ((draw_frame(image, truth, classes, palette, color_by_track), 'ground truth'),
              (draw_frame(image, prediction, classes, palette, color_by_track, score_thr),
               f'predictions (score > {score_thr:g})'))
    width, height = image.size
    out = Image.new('RGB', (2 * width, height + CAPTION_HEIGHT))
    draw = ImageDraw.Draw(out)
    for column, (panel, caption) in enumerate(panels):
        out.paste(panel, (column * width, CAPTION_HEIGHT))
        draw.text((column * width + 4, 2), caption, fill=(255, 255, 255))
    return out


def render_beside_truth(predictions: Iterable[Dict], truths: Iterable[Dict],
                        image_paths: Mapping[str, str], classes: Sequence[str],
                        palette: Sequence[Color], score_thr: float = SHOW_SCORE_THR,
                        color_by_track: bool = False) -> Iterator[Tuple[str, Image.Image]]:
    """Yields ``(frame name, picture)`` for :func:`write_visuals_zip`, predictions beside truth.

    Args:
        predictions: the predicted Scalabel frames.
        truths: the ground-truth frames (matched to the predictions by video and frame name).
        image_paths: the image file of each frame, by frame name (``videoName/name`` for videos).
        classes: class names, for palette colours.
        palette: one colour per class.
        score_thr: predictions scored at or below it are not drawn.
        color_by_track: colour labels by track id (videos) instead of by class.

    Raises:
        ValueError: a prediction has no ground-truth frame or no image path (named in the message).
    """
    def key(frame: Dict) -> str:
        return '/'.join(part for part in (frame.get('videoName'), frame['name']) if part)

    truth_by_key = {key(frame): frame for frame in truths}
    for prediction in predictions:
        name = key(prediction)
        if name not in truth_by_key or name not in image_paths:
            missing = 'ground-truth frame' if name not in truth_by_key else 'image'
            raise ValueError(f'frame {name}: no {missing} to draw the prediction beside')
        with Image.open(image_paths[name]) as image:
            yield name, draw_beside_truth(image, prediction, truth_by_key[name], classes, palette,
                                          score_thr, color_by_track)


def draw_pose(draw: ImageDraw.ImageDraw, graph: Dict, color: Color) -> None:
    """Draws the 18-joint skeleton of a pose graph (visible joints only)."""
    points = {node['category']: node['location'] for node in graph.get('nodes', [])
              if node.get('visibility', 'V') != 'N'}
    for start, end in POSE_SKELETON:
        if start in points and end in points:
            draw.line([tuple(points[start]), tuple(points[end])], fill=color, width=2)
    for name in POSE_JOINTS:
        if name in points:
            x, y = points[name]
            draw.ellipse([x - 2, y - 2, x + 2, y + 2], fill=color)


def draw_class_mask(image: Image.Image, mask: np.ndarray, palette: Sequence[Color],
                    alpha: float = MASK_ALPHA) -> Image.Image:
    """Overlays a class-id mask (255 = ignore, left uncoloured) in palette colours."""
    canvas = np.array(image.convert('RGB'))
    for class_id, color in enumerate(palette):
        overlay_mask(canvas, mask == class_id, color, alpha)
    return Image.fromarray(canvas)


#: The heat-map colour ramp, low to high (black, blue, magenta, orange, yellow-white).
HEAT_STOPS = np.array([(0, 0, 0), (40, 40, 200), (200, 40, 160), (250, 140, 20), (255, 250, 200)],
                      dtype=np.float64)
HEAT_ALPHA = 0.6


def heat_colors(values: np.ndarray) -> np.ndarray:
    """``H x W x 3`` uint8 colours of ``H x W`` values in [0, 1] on :data:`HEAT_STOPS`."""
    position = np.clip(values, 0, 1) * (len(HEAT_STOPS) - 1)
    low = np.minimum(position.astype(np.int64), len(HEAT_STOPS) - 2)
    frac = (position - low)[..., None]
    return np.round(HEAT_STOPS[low] * (1 - frac) + HEAT_STOPS[low + 1] * frac).astype(np.uint8)


def draw_heatmap(image: Image.Image, scores: np.ndarray, alpha: float = HEAT_ALPHA
                 ) -> Image.Image:
    """Blends a per-pixel score map (higher = hotter) over the image.

    The scores are stretched linearly from their minimum to their maximum over the finite values
    of the image (a constant map is drawn cold); non-finite values are drawn hottest (+inf) or
    coldest.

    Raises:
        ValueError: the map is not ``H x W`` of the image's size.
    """
    if scores.shape != (image.height, image.width):
        raise ValueError(f'a score map of shape {scores.shape} cannot be drawn over an image of '
                         f'{image.width}x{image.height}')
    values = scores.astype(np.float64)
    finite = np.isfinite(values)
    low, high = (values[finite].min(), values[finite].max()) if finite.any() else (0.0, 0.0)
    scaled = (values - low) / (high - low) if high > low else np.zeros_like(values)
    scaled[~finite] = np.where(values[~finite] == np.inf, 1.0, 0.0)
    canvas = np.array(image.convert('RGB'), dtype=np.float64)
    blended = canvas * (1 - alpha) + heat_colors(scaled) * alpha
    return Image.fromarray(np.round(blended).astype(np.uint8))


def write_visuals_zip(path: str, items: Iterable[Tuple[str, Image.Image]],
                      quality: int = 85, limit: Optional[int] = None) -> int:
    """Writes rendered images into a zip of JPEGs atomically; returns how many were written.

    Args:
        path: the zip file.
        items: ``(name, image)`` pairs; names become ``<stem>.jpg`` entries (folders kept).
        quality: JPEG quality.
        limit: stop after this many images (``None``: all).
    """
    count = 0
    with atomic_open(path, 'wb') as f, zipfile.ZipFile(f, 'w', zipfile.ZIP_STORED) as zf:
        for name, image in items:
            if limit is not None and count >= limit:
                break
            buffer = io.BytesIO()
            image.convert('RGB').save(buffer, format='JPEG', quality=quality)
            stem = name.rsplit('.', 1)[0] if '.' in name.rsplit('/', 1)[-1] else name
            zf.writestr(f'{stem}.jpg', buffer.getvalue())
            count += 1
    return count
