"""Synthetic lane marking frames: ground-truth and predicted lane masks in the official encoding.

Each frame has lane markings as the official lane labels describe them (open ``poly2d`` lines
and Bezier curves with a category, direction and style): lines converging to a horizon, a few
crossing ones (crosswalks, stop lines), drawn into masks as the official converter draws them
(:func:`bdd100k_zoo.labels.lane_drawing.draw_lane_mask`). The prediction moves every vertex by a few
pixels, drops some markings, mislabels some and adds false ones, so every class scores somewhere
between 0 and 100.
"""
import os
import os.path as osp
from typing import Dict, List, Tuple

import numpy as np
from PIL import Image

from bdd100k_zoo.labels.categories import LANE_CATEGORIES, LANE_STYLES
from bdd100k_zoo.labels.lane_drawing import draw_lane_mask

Label = Dict[str, object]


def marking(rng: np.random.Generator, vertices: np.ndarray, category: str, direction: str,
            curved: bool) -> Label:
    """A ``poly2d`` lane label through ``vertices`` (4 of them if ``curved``: one cubic Bezier)."""
    return {'category': category,
            'attributes': {'laneDirection': direction, 'laneStyle': str(rng.choice(LANE_STYLES))},
            'poly2d': [{'vertices': vertices.round(1).tolist(), 'closed': False,
                        'types': 'LCCC' if curved else 'L' * len(vertices)}]}


def frame_labels(rng: np.random.Generator, width: int, height: int) -> List[Label]:
    """The markings of one frame: 6-12 along the road, 0-3 across it."""
    horizon = (width * rng.uniform(0.4, 0.6), height * rng.uniform(0.4, 0.55))
    labels = []
    for _ in range(int(rng.integers(6, 13))):
        bottom = np.array([rng.uniform(-0.5, 1.5) * width, height - 1.0])
        top = bottom + rng.uniform(0.75, 0.95) * (np.array(horizon) - bottom)
        curved = rng.random() < 0.3
        steps = np.linspace(0, 1, 4 if curved else int(rng.integers(2, 5)))[:, None]
        vertices = bottom + steps * (top - bottom)
        if curved:
            vertices[1:3, 0] += rng.normal(0, 30, 2)
        category = str(rng.choice(LANE_CATEGORIES))
        labels.append(marking(rng, vertices, category, 'parallel', curved))
    for _ in range(int(rng.integers(0, 4))):
        y = rng.uniform(horizon[1] + 40, height - 10)
        x0, x1 = sorted(rng.uniform(0, width, 2))
        vertices = np.array([[x0, y], [x1, y + rng.normal(0, 5)]])
        category = 'crosswalk' if rng.random() < 0.7 else str(rng.choice(LANE_CATEGORIES))
        labels.append(marking(rng, vertices, category, 'vertical', False))
    return labels


def predicted_labels(rng: np.random.Generator, labels: List[Label], width: int,
                     height: int) -> List[Label]:
    """A prediction of ``labels``: vertices moved (sigma 1.5 px), 10% dropped, 10% given another
    category, 10% another style, and 0-2 false markings."""
    predicted = []
    for label in labels:
        if rng.random() < 0.1:
            continue
        poly2d = dict(label['poly2d'][0])
        poly2d['vertices'] = (np.array(poly2d['vertices'])
                              + rng.normal(0, 1.5, (len(poly2d['vertices']), 2))).tolist()
        attributes = dict(label['attributes'])
        if rng.random() < 0.1:
            attributes['laneStyle'] = str(rng.choice(LANE_STYLES))
        category = label['category']
        if rng.random() < 0.1:
            category = str(rng.choice(LANE_CATEGORIES))
        predicted.append(dict(label, category=category, attributes=attributes, poly2d=[poly2d]))
    return predicted + frame_labels(rng, width, height)[:int(rng.integers(0, 3))]


def write_lane_frames(folder: str, count: int, width: int = 1280, height: int = 720,
                      seed: int = 0) -> Tuple[str, str]:
    """Writes ``count`` ground-truth and predicted lane masks, ``<folder>/gt/<i>.png`` and
    ``<folder>/pred/<i>.png``; returns the two folders."""
    rng = np.random.default_rng(seed)
    folders = osp.join(folder, 'gt'), osp.join(folder, 'pred')
    for path in folders:
        os.makedirs(path, exist_ok=True)
    for index in range(count):
        labels = frame_labels(rng, width, height)
        for path, frame in zip(folders, (labels, predicted_labels(rng, labels, width, height))):
            mask = draw_lane_mask(frame, (height, width))
            Image.fromarray(mask).save(osp.join(path, f'{index:05d}.png'))
    return folders
