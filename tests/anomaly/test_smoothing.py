"""SML boundary suppression and dilated smoothing on hand-made maps."""
import math

import numpy as np
import pytest
import torch

from bdd100k_zoo.anomaly.smoothing import (class_boundaries, dilated_smoothing, expand,
                                           suppress_boundaries)


def test_boundary_of_a_two_class_map():
    classes = torch.tensor([[[0, 0, 0, 1, 1, 1, 1]]])
    # dilation by the cross: 0 0 1 1 1 1 1; erosion by the square: 0 0 0 0 1 1 1
    assert class_boundaries(classes)[0, 0, 0].int().tolist() == [0, 0, 1, 1, 0, 0, 0]
    diamond = expand(torch.zeros(1, 1, 5, 5, dtype=torch.bool).index_put_(
        (torch.tensor([0]), torch.tensor([0]), torch.tensor([2]), torch.tensor([2])),
        torch.tensor(True)), 2)
    assert diamond.sum() == 13  # the L1 ball of radius 2


def test_suppression_width_1_on_a_row():
    classes = torch.tensor([[[0, 0, 0, 1, 1, 1, 1]]])
    values = torch.arange(1.0, 8.0)[None, None]
    # boundary pixels 2 and 3 take the mean of their non-boundary 3x3 neighbours: 2 and 5
    out = suppress_boundaries(values, classes, width=1, iterations=1)
    assert out[0, 0].tolist() == [1, 2, 2, 5, 5, 6, 7]
    with pytest.raises(ValueError, match='multiple'):
        suppress_boundaries(values, classes, width=4, iterations=3)


def test_smoothing_keeps_constants_and_spreads_an_impulse_over_the_dilated_kernel():
    constant = torch.full((1, 20, 30), 2.5)
    torch.testing.assert_close(dilated_smoothing(constant), constant)
    impulse = torch.zeros(1, 41, 41)
    impulse[0, 20, 20] = 1
    out = dilated_smoothing(impulse)[0]
    offsets = np.arange(7) - 3
    gauss = np.exp(-(offsets[:, None] ** 2 + offsets[None, :] ** 2) / 2) / (2 * math.pi)
    gauss /= gauss.sum()  # the 7x7 sigma-1 Gaussian of the SML paper, normalised
    np.testing.assert_allclose(out[2:39:6, 2:39:6].numpy(), gauss, rtol=1e-5)
    assert float(out.sum()) == pytest.approx(1.0, rel=1e-5)
    assert float(out[21, 20]) == 0.0  # only dilated positions
