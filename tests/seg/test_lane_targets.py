"""Per-attribute lane targets, the non-maximum suppression and the lane mask of head outputs,
against values computed by hand from the official byte layout (bit 5 direction, bit 4 style,
bit 3 background, bits 0-2 category)."""
import pytest
import torch

from bdd100k_zoo.seg.lane_targets import (IGNORE_INDEX, attribute_target, lane_mask_of,
                                          suppress_non_maxima)

# vertical (32) dashed (16) single white (6); parallel solid double yellow (3); single other (5);
# background (255); padding (-1)
LANES = torch.tensor([[32 | 16 | 6, 3, 5, 255, -1]])


@pytest.mark.parametrize('attribute, ignored, expected', [
    ('direction', (), [2, 1, 1, 0, IGNORE_INDEX]),
    ('style', (), [2, 1, 1, 0, IGNORE_INDEX]),
    ('category', (), [7, 4, 6, 0, IGNORE_INDEX]),
    ('category', ('single other',), [7, 4, IGNORE_INDEX, 0, IGNORE_INDEX]),
])
def test_attribute_targets(attribute, ignored, expected):
    assert attribute_target(LANES, attribute, ignored).tolist() == [expected]


def test_unknown_attribute_or_value_is_refused():
    with pytest.raises(ValueError, match='colour'):
        attribute_target(LANES, 'colour')
    with pytest.raises(ValueError, match='purple'):
        attribute_target(LANES, 'category', ('purple',))


def test_non_maximum_suppression_keeps_the_ridge():
    columns = torch.arange(9, dtype=torch.float32)
    score = torch.exp(-(columns - 4) ** 2 / 4).expand(6, 9).clone()   # a vertical ridge at x=4
    keep = suppress_non_maxima(score)
    assert keep[:, 4].all() and keep.sum() == 6
    offsets = torch.arange(7)[:, None] - torch.arange(7)[None]
    keep = suppress_non_maxima(torch.exp(-offsets.float() ** 2 / 2))   # a diagonal ridge
    # the ridge, and where the binned directions tie across it, the pixels beside it
    assert keep.diagonal().all() and (offsets[keep].abs() <= 1).all()


def test_thinning_leaves_a_one_pixel_line():
    offsets = torch.arange(7)[:, None] - torch.arange(7)[None]
    score = torch.exp(-offsets.float() ** 2 / 2)                        # a diagonal ridge
    probabilities = {attribute: torch.stack([1 - score] + [score / count] * count)
                     for attribute, count in (('direction', 2), ('style', 2), ('category', 8))}
    markings = lane_mask_of(probabilities, threshold=0.05) != 255
    # away from its ends (thinning erodes those) the 3-pixel band is the diagonal alone
    assert [row.nonzero().flatten().tolist() for row in markings[2:5]] == [[2], [3], [4]]
    assert (offsets[markings].abs() <= 1).all()
    blocks = markings[:-1, :-1] & markings[1:, :-1] & markings[:-1, 1:] & markings[1:, 1:]
    assert not blocks.any()


def test_lane_mask_of_head_probabilities():
    # one row of 3 pixels; direction/style/category softmaxes, background first
    direction = torch.tensor([[0.1, 0.9, 0.2], [0.2, 0.05, 0.3], [0.7, 0.05, 0.5]])[:, None]
    style = torch.tensor([[0.1, 0.9, 0.2], [0.8, 0.05, 0.1], [0.1, 0.05, 0.7]])[:, None]
    category = torch.zeros(9, 1, 3)
    category[0] = torch.tensor([0.1, 0.9, 0.2])
    category[4, 0, 0] = category[8, 0, 2] = 0.9          # double yellow (3), single yellow (7)
    mask = lane_mask_of({'direction': direction, 'style': style, 'category': category},
                        thin=False)
    # pixel 0: vertical (32) solid (0) double yellow (3); 1: background; 2: vertical dashed (16)
    # single yellow (7)
    assert mask.tolist() == [[35, 255, 32 | 16 | 7]]
    assert lane_mask_of({'direction': direction, 'style': style, 'category': category},
                        threshold=0.85, thin=False).tolist() == [[35, 255, 255]]
