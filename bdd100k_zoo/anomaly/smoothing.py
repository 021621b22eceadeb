"""Standardized Max Logit post-processing (Jung et al., ICCV 2021): boundary suppression, then
dilated Gaussian smoothing. Torch only (no kornia); steps as in the authors' ``deepv3.py``:

1. boundaries of the predicted class map: dilation by the 3x3 cross differs from erosion by the
   3x3 square (pixels outside the image are ignored, as kornia's geodesic border);
2. ``iterations`` times: the boundary, expanded by an L1 diamond of radius ``width - (width //
   iterations) * i - 1`` (0 at the last iteration), takes the mean of the 3x3 non-boundary
   neighbours (replication padding); where there is none, the value is kept;
3. a 7x7 Gaussian (sigma 1, normalised) with dilation 6 on a replication-padded map.
"""
import math

import torch
import torch.nn.functional as F
from torch import Tensor

#: The authors' defaults.
BOUNDARY_WIDTH = 4
BOUNDARY_ITERATIONS = 4
KERNEL_SIZE = 7
KERNEL_SIGMA = 1.0
KERNEL_DILATION = 6


def _cross_max(x: Tensor, fill: float) -> Tensor:
    """Max over the 3x3 cross (centre and 4 neighbours) of ``N x 1 x H x W``; outside = ``fill``."""
    padded = F.pad(x, (1, 1, 1, 1), value=fill)
    height, width = x.shape[-2:]
    shifts = [padded[..., 1:height + 1, 1:width + 1], padded[..., :height, 1:width + 1],
              padded[..., 2:, 1:width + 1], padded[..., 1:height + 1, :width],
              padded[..., 1:height + 1, 2:]]
    return torch.stack(shifts).amax(0)


def class_boundaries(classes: Tensor) -> Tensor:
    """Boolean ``N x 1 x H x W`` boundaries of an ``N x H x W`` class map."""
    labels = classes.unsqueeze(1).float()
    dilated = _cross_max(labels, -math.inf)
    eroded = -F.max_pool2d(F.pad(-labels, (1, 1, 1, 1), value=-math.inf), 3, stride=1)
    return dilated != eroded


def expand(mask: Tensor, radius: int) -> Tensor:
    """A boolean ``N x 1 x H x W`` mask dilated by the L1 diamond of ``radius``."""
    out = mask.float()
    for _ in range(radius):
        out = _cross_max(out, 0.0)
    return out > 0


def suppress_boundaries(values: Tensor, classes: Tensor, width: int = BOUNDARY_WIDTH,
                        iterations: int = BOUNDARY_ITERATIONS) -> Tensor:
    """Replaces values near class boundaries by the mean of their non-boundary neighbours.

    Args:
        values: ``N x H x W`` map.
        classes: ``N x H x W`` predicted class map.
        width: the boundary width.
        iterations: the number of iterations (must divide ``width``).

    Raises:
        ValueError: ``width`` is not a multiple of ``iterations``.
    """
    if iterations <= 0 or width % iterations:
        raise ValueError(f'the boundary width ({width}) must be a multiple of the number of '
                         f'iterations ({iterations})')
    step = width // iterations
    boundaries = class_boundaries(classes)
    out = values.unsqueeze(1).float()
    ones = torch.ones(1, 1, 3, 3, dtype=out.dtype, device=out.device)
    for iteration in range(iterations):
        radius = 0 if width == 0 or iteration == iterations - 1 else width - step * iteration - 1
        keep = (~expand(boundaries, radius)).to(out.dtype)
        total = F.conv2d(F.pad(out * keep, (1, 1, 1, 1), mode='replicate'), ones)
        count = F.conv2d(F.pad(keep, (1, 1, 1, 1), mode='replicate'), ones).round()
        averaged = torch.where(count == 0, out, total / count.clamp(min=1))
        out = torch.where(keep == 0, averaged, out)
    return out.squeeze(1)


def gaussian_kernel(size: int = KERNEL_SIZE, sigma: float = KERNEL_SIGMA) -> Tensor:
    """A ``size x size`` Gaussian kernel summing to 1."""
    offsets = torch.arange(size, dtype=torch.float64) - (size - 1) / 2
    kernel = torch.exp(-(offsets[:, None] ** 2 + offsets[None, :] ** 2) / (2 * sigma ** 2))
    return (kernel / kernel.sum()).float()


def dilated_smoothing(values: Tensor, size: int = KERNEL_SIZE, sigma: float = KERNEL_SIGMA,
                      dilation: int = KERNEL_DILATION) -> Tensor:
    """The ``N x H x W`` map convolved with a dilated Gaussian (replication padding keeps H x W)."""
    pad = dilation * (size // 2)
    kernel = gaussian_kernel(size, sigma).to(values.device)[None, None]
    padded = F.pad(values.unsqueeze(1).float(), (pad, pad, pad, pad), mode='replicate')
    return F.conv2d(padded, kernel, dilation=dilation).squeeze(1)
