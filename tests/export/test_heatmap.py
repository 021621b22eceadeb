"""Heat maps of anomaly scores over an image (colours computed by hand)."""
import numpy as np
import pytest
from PIL import Image

from bdd100k_zoo.export.visuals import draw_heatmap


def test_heatmap_colours_by_hand():
    white = Image.new('RGB', (3, 1), (255, 255, 255))
    # scores stretched to 0, 0.5, 1 -> ramp stops 0 (black), 2 (200, 40, 160), 4 (255, 250, 200);
    # blended 0.4 * 255 + 0.6 * colour
    out = np.array(draw_heatmap(white, np.array([[2.0, 3.0, 4.0]], dtype=np.float32)))
    assert out[0].tolist() == [[102, 102, 102], [222, 126, 198], [255, 252, 222]]
    flat = np.array(draw_heatmap(white, np.full((1, 3), 7.0)))
    assert flat[0].tolist() == [[102, 102, 102]] * 3  # a constant map is drawn cold
    inf = np.array(draw_heatmap(white, np.array([[0.0, np.inf, 1.0]])))
    assert inf[0, 1].tolist() == [255, 252, 222]  # +inf is hottest
    with pytest.raises(ValueError, match='cannot be drawn over an image of 3x1'):
        draw_heatmap(white, np.zeros((2, 3)))
