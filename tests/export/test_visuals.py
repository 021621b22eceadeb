"""Drawing predictions and truth: inclusive boxes, mmdet's display threshold, side by side."""
import inspect

import pytest
from mmdet.visualization import DetLocalVisualizer
from PIL import Image

from bdd100k_zoo.export.visuals import (CAPTION_HEIGHT, SHOW_SCORE_THR, draw_beside_truth,
                                        draw_frame, render_beside_truth)


def test_a_box_under_one_pixel_is_drawn():
    """box2d is inclusive: a detection thinner than a pixel has y2 < y1 and must still draw."""
    frame = {'name': 'a.jpg', 'labels': [{'id': '1', 'category': 'car',
                                          'box2d': {'x1': 5.0, 'y1': 7.2, 'x2': 9.0, 'y2': 6.6}}]}
    out = draw_frame(Image.new('RGB', (20, 20)), frame, ['car'], [(255, 0, 0)])
    assert out.size == (20, 20) and out.getbbox() is not None


RED, GREEN = (255, 0, 0), (0, 255, 0)
CLASSES, PALETTE = ['car', 'bus'], [RED, GREEN]


def boxed(category, x1, score=None):
    """A label with a 10x10 box at column ``x1`` (inclusive corners)."""
    label = {'category': category, 'box2d': {'x1': x1, 'y1': 20.0, 'x2': x1 + 9, 'y2': 29.0}}
    return label if score is None else dict(label, score=score)


def outline_pixel(image, x1):
    """The colour of the left edge (at row 25) of a box drawn at column ``x1``."""
    return image.getpixel((x1, 25))


def test_the_display_threshold_is_mmdets():
    default = inspect.signature(DetLocalVisualizer.add_datasample).parameters['pred_score_thr']
    assert SHOW_SCORE_THR == default.default == 0.3


def test_predictions_at_or_below_the_threshold_are_not_drawn():
    frame = {'name': 'a.jpg', 'labels': [boxed('car', 10, 0.9), boxed('car', 40, 0.3),
                                         boxed('bus', 70, 0.1), boxed('bus', 100)]}
    black = Image.new('RGB', (140, 60))
    everything = draw_frame(black, frame, CLASSES, PALETTE)
    shown = draw_frame(black, frame, CLASSES, PALETTE, score_thr=0.3)
    assert [outline_pixel(everything, x) for x in (10, 40, 70, 100)] == [RED, RED, GREEN, GREEN]
    # 0.9 is drawn; 0.3 (not above the threshold, as mmdet) and 0.1 are not; unscored always is
    assert [outline_pixel(shown, x) for x in (10, 40, 70, 100)] == [RED, (0, 0, 0), (0, 0, 0),
                                                                      GREEN]


def test_ground_truth_is_drawn_beside_the_predictions():
    truth = {'name': 'a.jpg', 'labels': [boxed('bus', 10)]}  # left: the ground truth only
    prediction = {'name': 'a.jpg', 'labels': [boxed('car', 40, 0.8), boxed('car', 70, 0.2)]}
    out = draw_beside_truth(Image.new('RGB', (100, 50)), prediction, truth, CLASSES, PALETTE)
    assert out.size == (200, 50 + CAPTION_HEIGHT)
    left, right = (out.crop((x, CAPTION_HEIGHT, x + 100, 50 + CAPTION_HEIGHT)) for x in (0, 100))
    assert [outline_pixel(left, x) for x in (10, 40, 70)] == [GREEN, (0, 0, 0), (0, 0, 0)]
    assert [outline_pixel(right, x) for x in (10, 40, 70)] == [(0, 0, 0), RED, (0, 0, 0)]
    assert out.crop((0, 0, 200, CAPTION_HEIGHT)).getbbox() is not None  # the captions


def test_render_beside_truth_names_a_frame_without_ground_truth(tmp_path):
    Image.new('RGB', (20, 20)).save(tmp_path / 'a.jpg')
    paths = {'a.jpg': str(tmp_path / 'a.jpg'), 'b.jpg': str(tmp_path / 'a.jpg')}
    predictions = [{'name': 'a.jpg', 'labels': []}, {'name': 'b.jpg', 'labels': []}]
    rendered = render_beside_truth(predictions, [{'name': 'a.jpg'}], paths, CLASSES, PALETTE)
    assert next(rendered)[0] == 'a.jpg'
    with pytest.raises(ValueError, match='frame b.jpg: no ground-truth frame'):
        next(rendered)
