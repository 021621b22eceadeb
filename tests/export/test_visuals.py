

def test_a_box_under_one_pixel_is_drawn():
    """box2d is inclusive: a detection thinner than a pixel has y2 < y1 and must still draw."""
    from PIL import Image

    from bdd100k_zoo.export.visuals import draw_frame
    frame = {'name': 'a.jpg', 'labels': [{'id': '1', 'category': 'car',
                                          'box2d': {'x1': 5.0, 'y1': 7.2, 'x2': 9.0, 'y2': 6.6}}]}
    out = draw_frame(Image.new('RGB', (20, 20)), frame, ['car'], [(255, 0, 0)])
    assert out.size == (20, 20) and out.getbbox() is not None
