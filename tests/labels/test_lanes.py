"""The lane mask codec: the official bit layout (bdd100k ``label/to_mask.py``: value = category +
(direction << 5) + (style << 4), background 255), decoding, checks and the inverse encoding."""
import os
import os.path as osp

import numpy as np
import pytest
from PIL import Image

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.lanes import (attribute_maps, check_lane_mask, encode_attribute_maps,
                                      encode_lane, read_lane_mask, value_masks)


def test_values_follow_the_official_layout():
    assert encode_lane('crosswalk') == 0
    assert encode_lane('road curb', 'parallel', 'dashed') == 4 + 16
    assert encode_lane('single yellow', 'vertical', 'dashed') == 7 + 16 + 32
    with pytest.raises(ValueError, match="unknown lane style 'dotted'"):
        encode_lane('road curb', style='dotted')


def test_decoding_a_hand_made_mask():
    mask = np.array([[255, 4 + 16, 7 + 32], [8, 0, 2]], dtype=np.uint8)
    maps = attribute_maps(mask)
    assert maps['direction'].tolist() == [[-1, 0, 1], [-1, 0, 0]]
    assert maps['style'].tolist() == [[-1, 1, 0], [-1, 0, 0]]
    assert maps['category'].tolist() == [[-1, 4, 7], [-1, 0, 2]]
    masks = value_masks(mask)
    assert masks['dashed'].tolist() == [[False, True, False], [False, False, False]]
    assert masks['double white'].tolist() == [[False, False, False], [False, False, True]]
    assert np.array_equal(encode_attribute_maps(maps), np.where(mask == 8, 255, mask))


def test_encoding_the_attribute_maps_gives_the_official_masks_back(data_dir):
    folder = osp.join(data_dir, 'bdd100k-eval/lane/gts')
    for name in os.listdir(folder):
        mask = read_lane_mask(osp.join(folder, name))
        assert np.array_equal(encode_attribute_maps(attribute_maps(mask)), mask)


def test_bad_masks_are_named(tmp_path):
    with pytest.raises(LabelError, match='a.png: lane mask holds values \\[64, 71\\]'):
        check_lane_mask(np.array([[64, 71, 255, 200]], dtype=np.uint8), 'a.png')
    rgb = tmp_path / 'rgb.png'
    Image.fromarray(np.zeros((4, 4, 3), dtype=np.uint8)).save(rgb)
    with pytest.raises(LabelError, match=f'{rgb}: lane mask must be a single-channel 2-D array'):
        read_lane_mask(str(rgb))
