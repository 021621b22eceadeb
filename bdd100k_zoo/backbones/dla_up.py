"""DLA-up: the iterative deep aggregation neck of the DLA paper's segmentation network.

It merges the backbone levels, deepest first, into one feature map at the scale of the finest input
(stride 4 with the backbone's default ``out_indices``), for a dense decode head.
"""
from functools import partial
from typing import List, Optional, Sequence, Union

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from .dla import DEFAULT_INIT_CFG, NormLayer
from .layers import build_norm_layer, conv_norm_relu


def _is_power_of_2(value: int) -> bool:
    """Whether ``value`` is 1, 2, 4, 8, ..."""
    return value > 0 and value & (value - 1) == 0


class BilinearUpsample(nn.ConvTranspose2d):
    """Learnable depthwise transposed conv upsampling by ``factor``, initialised as bilinear.

    Args:
        channels: input and output channels.
        factor: upsampling factor, even (output size = ``factor`` x input size).
    """

    def __init__(self, channels: int, factor: int):
        super().__init__(channels, channels, 2 * factor, stride=factor, padding=factor // 2,
                         groups=channels, bias=False)

    def reset_parameters(self) -> None:
        """Sets every channel's kernel to bilinear interpolation."""
        size, factor = self.kernel_size[0], self.stride[0]
        ramp = 1 - (torch.arange(size) - (size - 1) / 2).abs() / factor
        with torch.no_grad():
            self.weight.copy_(torch.outer(ramp, ramp).expand_as(self.weight))


class IDAUp(nn.Module):
    """One iterative deep aggregation step.

    Projects every input to ``out_channels`` (1x1 conv-norm-ReLU where the width differs) and
    upsamples it to the scale of the first input. Then each node (conv-norm-ReLU) merges the
    previous node's output (the first input for the first node) with the next input.

    Args:
        in_channels: channels of the inputs.
        out_channels: channels of the projections and nodes.
        factors: stride of each input relative to the first one (1, then even factors).
        norm_layer: builds a norm layer from a number of channels.
        kernel_size: of the node convs.
    """

    def __init__(self, in_channels: Sequence[int], out_channels: int, factors: Sequence[int],
                 norm_layer: NormLayer, kernel_size: int):
        super().__init__()
        self.projs = nn.ModuleList(
            nn.Identity() if channels == out_channels
            else conv_norm_relu(channels, out_channels, 1, norm_layer) for channels in in_channels)
        self.ups = nn.ModuleList(
            nn.Identity() if factor == 1 else BilinearUpsample(out_channels, factor)
            for factor in factors)
        self.nodes = nn.ModuleList(
            conv_norm_relu(2 * out_channels, out_channels, kernel_size, norm_layer)
            for _ in in_channels[1:])

    def forward(self, feats: Sequence[Tensor]) -> List[Tensor]:
        """Returns the output of each node (one fewer than the inputs), at the first one's scale."""
        feats = [up(proj(feat)) for feat, proj, up in zip(feats, self.projs, self.ups)]
        x, outs = feats[0], []
        for node, feat in zip(self.nodes, feats[1:]):
            x = node(torch.cat([x, feat], 1))
            outs.append(x)
        return outs


class DLAUp(BaseModule):
    """DLA-up neck: iterative deep aggregation of backbone levels up to the finest one.

    Works from the deepest levels up: for ``n`` inputs, step ``s = 1 ... n-1`` aggregates input
    ``n-1-s`` with everything merged so far, in an :class:`IDAUp` at the scale of input ``n-1-s``
    with ``out_channels[n-1-s]`` channels. The outputs of its nodes are the deeper inputs of the
    next step; the last node of the last step gives the output.

    Example: ``DLAUp([64, 128, 256, 512])`` on DLA-34 levels 2-5 (strides 4-32) returns a
    64-channel map at stride 4.

    Args:
        in_channels: channels of the inputs, finest first (e.g. ``DLA.out_channels``).
        out_channels: width of the aggregation at the scale of each input (an int: the same for
            every scale; the deepest input's entry is unused); default ``in_channels``. The output
            has ``out_channels[0]`` channels.
        scales: stride of each input relative to the first one, powers of 2; default 1, 2, 4, ...
        norm_cfg: the norm layers, default ``dict(type='BN')``.
        kernel_size: of the aggregation node convs.
        init_cfg: mmengine init config; default He-normal convs, unit norms, bilinear upsampling.
    """

    def __init__(self,
                 in_channels: Sequence[int],
                 out_channels: Union[int, Sequence[int], None] = None,
                 scales: Optional[Sequence[int]] = None,
                 norm_cfg: Optional[dict] = None,
                 kernel_size: int = 3,
                 init_cfg: Union[dict, List[dict], None] = None):
        super().__init__(init_cfg=init_cfg or DEFAULT_INIT_CFG)
        num_inputs = len(in_channels)
        if isinstance(out_channels, int):
            out_channels = [out_channels] * num_inputs
        out_channels = list(in_channels if out_channels is None else out_channels)
        scales = [2 ** i for i in range(num_inputs)] if scales is None else list(scales)
        if num_inputs < 2 or not len(out_channels) == len(scales) == num_inputs:
            raise ValueError(f'DLAUp needs >= 2 inputs and one out_channels and scale per input, '
                             f'got in_channels={in_channels}, out_channels={out_channels}, '
                             f'scales={scales}')
        if scales != sorted(scales) or any(
                scale % scales[0] or not _is_power_of_2(scale // scales[0]) for scale in scales):
            raise ValueError(f'scales must grow by powers of 2 from the first input, got {scales}')
        self.in_channels = tuple(in_channels)
        self.out_channels = out_channels[0]
        self.scales = tuple(scales)

        norm_layer = partial(build_norm_layer, norm_cfg or dict(type='BN'))
        channels = list(in_channels)
        idas = []
        for first in reversed(range(num_inputs - 1)):
            factors = [scale // scales[first] for scale in scales[first:]]
            idas.append(IDAUp(channels[first:], out_channels[first], factors, norm_layer,
                              kernel_size))
            channels[first + 1:] = [out_channels[first]] * (num_inputs - first - 1)
            scales[first + 1:] = [scales[first]] * (num_inputs - first - 1)
        self.idas = nn.ModuleList(idas)

    def forward(self, feats: Sequence[Tensor]) -> Tensor:
        """Merges ``feats`` (finest first) into (N, out_channels, H, W) at ``feats[0]``'s size."""
        if len(feats) != len(self.in_channels):
            raise ValueError(f'DLAUp expects {len(self.in_channels)} inputs, got {len(feats)}')
        feats = list(feats)
        for first, ida in zip(reversed(range(len(feats) - 1)), self.idas):
            feats[first + 1:] = ida(feats[first:])
        return feats[-1]
