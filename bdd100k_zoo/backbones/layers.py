"""Layers of the DLA backbone and neck: norm layers from an OpenMMLab ``norm_cfg``, torch only."""
from typing import Callable, Dict, Type

from torch import nn

#: ``norm_cfg['type']`` -> layer class, the batch-norm names mmcv registers (same torch classes).
NORM_LAYERS: Dict[str, Type[nn.Module]] = {
    'BN': nn.BatchNorm2d,
    'BN2d': nn.BatchNorm2d,
    'SyncBN': nn.SyncBatchNorm,
}


def build_norm_layer(cfg: dict, num_features: int) -> nn.Module:
    """Builds a 2d normalisation layer like mmcv's ``build_norm_layer`` (returns only the layer).

    Args:
        cfg: ``type`` (a key of :data:`NORM_LAYERS`), optional ``requires_grad`` (default True) for
            the affine parameters, and any keyword of the layer class (``eps``, ``momentum``, ...).
        num_features: number of channels.

    Raises:
        KeyError: the type is not a batch-norm type; the pretrained DLA weights hold batch-norm
            statistics, so other normalisations could not load them.
    """
    cfg = dict(cfg)
    norm_type = cfg.pop('type')
    requires_grad = cfg.pop('requires_grad', True)
    if norm_type not in NORM_LAYERS:
        raise KeyError(f'norm_cfg type {norm_type!r} is not supported, '
                       f'use one of {sorted(NORM_LAYERS)}')
    layer = NORM_LAYERS[norm_type](num_features, **cfg)
    layer.requires_grad_(requires_grad)
    return layer


def conv_norm_relu(in_channels: int, out_channels: int, kernel_size: int,
                   norm_layer: Callable[[int], nn.Module], stride: int = 1) -> nn.Sequential:
    """Conv (no bias, same padding) -> norm -> ReLU, as children ``0``, ``1``, ``2``."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, kernel_size // 2, bias=False),
        norm_layer(out_channels),
        nn.ReLU(inplace=True))
