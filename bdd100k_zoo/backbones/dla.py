"""Deep Layer Aggregation (Yu et al., CVPR 2018, arXiv:1707.06484) as an mmengine backbone.

The module names are those of the original DLA ImageNet checkpoints (``base_layer``, ``level0`` ...
``level5``, ``fc``), so they load with ``init_cfg=dict(type='Pretrained', checkpoint=...)`` and no
key map.
"""
from functools import partial
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from torch import Tensor, nn
from torch.nn.modules.batchnorm import _BatchNorm

from .layers import build_norm_layer, conv_norm_relu

NormLayer = Callable[[int], nn.Module]

#: Stride of the output of each level (``level0`` ... ``level5``) w.r.t. the input image.
LEVEL_STRIDES = (1, 2, 4, 8, 16, 32)


class BasicBlock(nn.Module):
    """Two 3x3 convs with a residual connection (DLA-34)."""

    def __init__(self, in_channels: int, out_channels: int, stride: int, norm_layer: NormLayer):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn1 = norm_layer(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.bn2 = norm_layer(out_channels)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: Tensor, shortcut: Optional[Tensor] = None) -> Tensor:
        """Adds ``shortcut`` (default ``x``) to the convs' output."""
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += x if shortcut is None else shortcut
        return self.relu(out)


class Bottleneck(nn.Module):
    """1x1 -> grouped 3x3 -> 1x1 convs with a residual connection (DLA-X when ``cardinality`` > 1).

    The inner width is ``out_channels / 2 * cardinality * base_width / 64`` (ResNeXt's rule with
    the expansion 2 of DLA).
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int, norm_layer: NormLayer,
                 cardinality: int = 1, base_width: int = 64):
        super().__init__()
        width = out_channels // 2 * cardinality * base_width // 64
        self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
        self.bn1 = norm_layer(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, groups=cardinality, bias=False)
        self.bn2 = norm_layer(width)
        self.conv3 = nn.Conv2d(width, out_channels, 1, bias=False)
        self.bn3 = norm_layer(out_channels)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: Tensor, shortcut: Optional[Tensor] = None) -> Tensor:
        """Adds ``shortcut`` (default ``x``) to the convs' output."""
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        out += x if shortcut is None else shortcut
        return self.relu(out)


class Root(nn.Module):
    """Aggregation node: 1x1 conv-norm over the concatenated children (+ the first one), ReLU."""

    def __init__(self, in_channels: int, out_channels: int, residual: bool, norm_layer: NormLayer):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn = norm_layer(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.residual = residual

    def forward(self, children: List[Tensor]) -> Tensor:
        """Aggregates ``children`` (all of the same resolution)."""
        out = self.bn(self.conv(torch.cat(children, 1)))
        if self.residual:
            out += children[0]
        return self.relu(out)


class Tree(nn.Module):
    """Hierarchical deep aggregation of ``2 ** depth`` blocks: ``level2`` ... ``level5``.

    A depth-1 tree runs two blocks and aggregates their outputs, with the ``children`` handed down
    to it, in its root. A deeper tree runs two subtrees and hands the first one's output down to
    the second one's root. With ``level_root`` the (downsampled) input joins the children too.

    Args:
        depth: depth of the tree (1 = two blocks and a root).
        block: builds a block from ``(in_channels, out_channels, stride)``.
        in_channels: channels of the input.
        out_channels: channels of every block and root.
        norm_layer: builds a norm layer from a number of channels.
        stride: stride of the first block (the input is max-pooled by it for the shortcuts).
        level_root: aggregate the downsampled input in the last root.
        root_channels: input channels of the last root without this tree's own inputs (0: the
            two block outputs, ``2 * out_channels``).
        root_residual: add the last block's output to each root's output (DLA-102, DLA-169).
    """

    def __init__(self, depth: int, block: Callable[[int, int, int], nn.Module], in_channels: int,
                 out_channels: int, norm_layer: NormLayer, stride: int = 1,
                 level_root: bool = False, root_channels: int = 0, root_residual: bool = False):
        super().__init__()
        root_channels = (root_channels or 2 * out_channels) + (in_channels if level_root else 0)
        self.level_root = level_root
        self.stride = stride
        if depth == 1:
            self.tree1 = block(in_channels, out_channels, stride)
            self.tree2 = block(out_channels, out_channels, 1)
            self.root = Root(root_channels, out_channels, root_residual, norm_layer)
            self.project = nn.Identity() if in_channels == out_channels else nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, bias=False), norm_layer(out_channels))
        else:
            subtree = partial(Tree, depth - 1, block, norm_layer=norm_layer,
                              root_residual=root_residual)
            self.tree1 = subtree(in_channels, out_channels, stride=stride)
            self.tree2 = subtree(out_channels, out_channels,
                                 root_channels=root_channels + out_channels)
            self.root = None

    def forward(self, x: Tensor, children: Sequence[Tensor] = (),
                bottom: Optional[Tensor] = None) -> Tensor:
        """Runs the tree on ``x``.

        Args:
            x: the input.
            children: more inputs of the last root.
            bottom: ``x`` max-pooled by the stride, if the caller has it (a tree passes it to its
                first subtree, which has the same input and stride, so each level pools once).
        """
        if bottom is None:
            bottom = F.max_pool2d(x, self.stride) if self.stride > 1 else x
        if self.level_root:
            children = [*children, bottom]
        if self.root is None:
            x1 = self.tree1(x, bottom=bottom)
            return self.tree2(x1, [*children, x1])
        x1 = self.tree1(x, self.project(bottom))
        return self.root([self.tree2(x1), x1, *children])

    def _load_from_state_dict(self, state_dict: dict, prefix: str, *args, **kwargs) -> None:
        """Drops the ``project`` weights of deeper trees in the original checkpoints (unused)."""
        if self.root is None:
            for key in [k for k in state_dict if k.startswith(prefix + 'project.')]:
                del state_dict[key]
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)


class DLAArch(NamedTuple):
    """One DLA variant.

    Attributes:
        depths: convs of ``level0`` and ``level1``, then tree depths of ``level2`` ... ``level5``.
        channels: output channels of ``level0`` ... ``level5``.
        block: the block of the trees, called with ``(in_channels, out_channels, stride,
            norm_layer)``.
        root_residual: residual connections in the roots.
    """
    depths: Tuple[int, ...]
    channels: Tuple[int, ...]
    block: Callable[..., nn.Module]
    root_residual: bool = False


_COMPACT = (16, 32, 64, 64, 128, 256)  # the "-C" variants
_WIDE = (16, 32, 128, 256, 512, 1024)
_X32 = partial(Bottleneck, cardinality=32, base_width=4)
_X64 = partial(Bottleneck, cardinality=64, base_width=4)

#: The ImageNet DLA variants of the paper, by the names of the original checkpoints.
ARCH_SETTINGS: Dict[str, DLAArch] = {
    'dla34': DLAArch((1, 1, 1, 2, 2, 1), (16, 32, 64, 128, 256, 512), BasicBlock),
    'dla46_c': DLAArch((1, 1, 1, 2, 2, 1), _COMPACT, Bottleneck),
    'dla46x_c': DLAArch((1, 1, 1, 2, 2, 1), _COMPACT, _X32),
    'dla60x_c': DLAArch((1, 1, 1, 2, 3, 1), _COMPACT, _X32),
    'dla60': DLAArch((1, 1, 1, 2, 3, 1), _WIDE, Bottleneck),
    'dla60x': DLAArch((1, 1, 1, 2, 3, 1), _WIDE, _X32),
    'dla102': DLAArch((1, 1, 1, 3, 4, 1), _WIDE, Bottleneck, root_residual=True),
    'dla102x': DLAArch((1, 1, 1, 3, 4, 1), _WIDE, _X32, root_residual=True),
    'dla102x2': DLAArch((1, 1, 1, 3, 4, 1), _WIDE, _X64, root_residual=True),
    'dla169': DLAArch((1, 1, 2, 3, 5, 1), _WIDE, Bottleneck, root_residual=True),
}

#: The original DLA initialisation: He-normal (fan-out) convs, unit batch norms.
DEFAULT_INIT_CFG = [
    dict(type='Kaiming', layer='Conv2d', mode='fan_out', nonlinearity='relu',
         distribution='normal'),
    dict(type='Constant', layer='_BatchNorm', val=1, bias=0),
]


class DLA(BaseModule):
    """Deep Layer Aggregation backbone (registered as ``BDD100KDLA`` by every side).

    Six levels follow a 7x7 stem (``base_layer``, stride 1): ``level0`` and ``level1`` are plain
    convs, ``level2`` ... ``level5`` aggregation trees. Level ``i`` has stride ``2 ** i``
    (:data:`LEVEL_STRIDES`) and ``ARCH_SETTINGS[arch].channels[i]`` channels:

    ==========  ================================  ======================================
    arch        channels (level 0 ... 5)          block
    ==========  ================================  ======================================
    dla34       16, 32, 64, 128, 256, 512         basic
    dla46_c     16, 32, 64, 64, 128, 256          bottleneck
    dla46x_c    16, 32, 64, 64, 128, 256          bottleneck, 32 groups x 4
    dla60x_c    16, 32, 64, 64, 128, 256          bottleneck, 32 groups x 4
    dla60       16, 32, 128, 256, 512, 1024       bottleneck
    dla60x      16, 32, 128, 256, 512, 1024       bottleneck, 32 groups x 4
    dla102      16, 32, 128, 256, 512, 1024       bottleneck, residual roots
    dla102x     16, 32, 128, 256, 512, 1024       bottleneck, 32 groups x 4, residual roots
    dla102x2    16, 32, 128, 256, 512, 1024       bottleneck, 64 groups x 4, residual roots
    dla169      16, 32, 128, 256, 512, 1024       bottleneck, residual roots
    ==========  ================================  ======================================

    Args:
        arch: a key of :data:`ARCH_SETTINGS`.
        out_indices: the levels returned by ``forward`` (0-5). The default, levels 2-5 (strides 4,
            8, 16, 32), are the inputs of FPN and segmentation necks; :attr:`out_channels` gives
            their channels.
        frozen_stages: ``k >= 0`` freezes the stem and ``level0`` ... ``levelk`` (no gradients,
            batch norms in eval mode); -1 freezes nothing.
        norm_eval: keep every batch norm in eval mode while training (frozen statistics).
        norm_cfg: the norm layers, default ``dict(type='BN')``; ``SyncBN`` for synchronised BN.
        num_classes: > 0 makes a classifier: global average pooling and the original 1x1 conv
            ``fc``, and ``forward`` returns a 1-tuple with the (N, num_classes) logits instead of
            the levels (``out_indices`` is unused), as OpenMMLab heads expect tuples.
        in_channels: channels of the input image.
        init_cfg: mmengine init config, e.g. ``dict(type='Pretrained', checkpoint=...)`` for an
            original ImageNet checkpoint; default :data:`DEFAULT_INIT_CFG`.
    """

    def __init__(self,
                 arch: str = 'dla34',
                 out_indices: Sequence[int] = (2, 3, 4, 5),
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 norm_cfg: Optional[dict] = None,
                 num_classes: int = 0,
                 in_channels: int = 3,
                 init_cfg: Union[dict, List[dict], None] = None):
        super().__init__(init_cfg=init_cfg or DEFAULT_INIT_CFG)
        if arch not in ARCH_SETTINGS:
            raise KeyError(f'unknown DLA arch {arch!r}, use one of {sorted(ARCH_SETTINGS)}')
        if not out_indices or not set(out_indices) <= set(range(len(LEVEL_STRIDES))):
            raise ValueError(f'out_indices must be levels 0-5, got {out_indices}')
        if not -1 <= frozen_stages < len(LEVEL_STRIDES):
            raise ValueError(f'frozen_stages must be in -1 ... 5, got {frozen_stages}')
        setting = ARCH_SETTINGS[arch]
        self.arch = arch
        self.channels = setting.channels
        self.out_indices = tuple(sorted(out_indices))
        self.frozen_stages = frozen_stages
        self.norm_eval = norm_eval
        self.num_classes = num_classes

        norm_layer = partial(build_norm_layer, norm_cfg or dict(type='BN'))
        depths, channels = setting.depths, setting.channels
        self.base_layer = conv_norm_relu(in_channels, channels[0], 7, norm_layer)
        self.level0 = self._conv_level(channels[0], channels[0], depths[0], 1, norm_layer)
        self.level1 = self._conv_level(channels[0], channels[1], depths[1], 2, norm_layer)
        block = partial(setting.block, norm_layer=norm_layer)
        for i in range(2, len(LEVEL_STRIDES)):
            self.add_module(f'level{i}', Tree(
                depths[i], block, channels[i - 1], channels[i], norm_layer, stride=2,
                level_root=i > 2, root_residual=setting.root_residual))
        if num_classes > 0:
            self.global_pool = nn.AdaptiveAvgPool2d(1)
            self.fc = nn.Conv2d(channels[-1], num_classes, 1)
        self._freeze_stages()

    @staticmethod
    def _conv_level(in_channels: int, out_channels: int, num_convs: int, stride: int,
                    norm_layer: NormLayer) -> nn.Sequential:
        """``level0``/``level1``: ``num_convs`` 3x3 conv-norm-ReLU, the first with ``stride``."""
        layers = []
        for i in range(num_convs):
            layers += conv_norm_relu(in_channels if i == 0 else out_channels, out_channels, 3,
                                     norm_layer, stride if i == 0 else 1)
        return nn.Sequential(*layers)

    @property
    def out_channels(self) -> Tuple[int, ...]:
        """Channels of the levels ``forward`` returns (``out_indices``)."""
        return tuple(self.channels[i] for i in self.out_indices)

    @property
    def out_strides(self) -> Tuple[int, ...]:
        """Strides of the levels ``forward`` returns (``out_indices``)."""
        return tuple(LEVEL_STRIDES[i] for i in self.out_indices)

    def forward(self, x: Tensor) -> Tuple[Tensor, ...]:
        """Returns the ``out_indices`` levels of ``x`` (N, C, H, W), or ``(logits,)`` (N, classes)."""
        x = self.base_layer(x)
        outs = []
        for i in range(len(LEVEL_STRIDES)):
            x = getattr(self, f'level{i}')(x)
            if i in self.out_indices:
                outs.append(x)
        if self.num_classes > 0:
            return (self.fc(self.global_pool(x)).flatten(1),)
        return tuple(outs)

    def _freeze_stages(self) -> None:
        """Puts the frozen stem and levels in eval mode and stops their gradients."""
        if self.frozen_stages < 0:
            return
        levels = [getattr(self, f'level{i}') for i in range(self.frozen_stages + 1)]
        for module in [self.base_layer, *levels]:
            module.eval()
            module.requires_grad_(False)

    def train(self, mode: bool = True) -> 'DLA':
        """Sets the training mode; frozen stages (with ``norm_eval``: all BNs) stay in eval mode."""
        super().train(mode)
        self._freeze_stages()
        if mode and self.norm_eval:
            for module in self.modules():
                if isinstance(module, _BatchNorm):
                    module.eval()
        return self
