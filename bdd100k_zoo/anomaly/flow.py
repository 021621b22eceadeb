"""A Real-NVP normalising flow on per-pixel feature vectors (Fishyscapes paper section 4.2).

``g`` maps a feature ``z`` to ``eta``; the negative log-likelihood ``-log N(eta; 0, I) - log |det
dg/dz|`` is the anomaly score of one layer (eq. 6-7). The flow is a stack of batch norms, affine
couplings with tanh-bounded log-scales and fixed random permutations (counts and widths ours).
"""
import math
from typing import Dict, Tuple

import torch
from torch import Tensor, nn

#: ``log(2 pi)``.
LOG_2PI = math.log(2 * math.pi)


class FlowBatchNorm(nn.Module):
    """An invertible batch norm: batch statistics in training, running ones in eval."""

    def __init__(self, dim: int, momentum: float = 0.1, eps: float = 1e-5) -> None:
        super().__init__()
        self.momentum, self.eps = momentum, eps
        self.log_gamma = nn.Parameter(torch.zeros(dim))
        self.beta = nn.Parameter(torch.zeros(dim))
        self.register_buffer('running_mean', torch.zeros(dim))
        self.register_buffer('running_var', torch.ones(dim))

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """``(y, log|det|)`` of ``x`` (``n x D``)."""
        if self.training:
            mean, var = x.mean(0), x.var(0, unbiased=False)
            with torch.no_grad():
                self.running_mean.lerp_(mean, self.momentum)
                self.running_var.lerp_(var, self.momentum)
        else:
            mean, var = self.running_mean, self.running_var
        y = (x - mean) / torch.sqrt(var + self.eps) * self.log_gamma.exp() + self.beta
        logdet = (self.log_gamma - 0.5 * torch.log(var + self.eps)).sum()
        return y, logdet.expand(len(x))

    def inverse(self, y: Tensor) -> Tensor:
        """``x`` of ``y`` (running statistics)."""
        scale = torch.sqrt(self.running_var + self.eps)
        return (y - self.beta) * (-self.log_gamma).exp() * scale + self.running_mean


class AffineCoupling(nn.Module):
    """``y = m x + (1 - m)(x exp(s(m x)) + t(m x))`` with ``s`` bounded by tanh."""

    def __init__(self, dim: int, hidden: int, mask: Tensor) -> None:
        super().__init__()
        self.register_buffer('mask', mask.float())
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                                 nn.ReLU(), nn.Linear(hidden, 2 * dim))
        nn.init.zeros_(self.net[-1].weight)
        nn.init.zeros_(self.net[-1].bias)

    def _scale_shift(self, fixed: Tensor) -> Tuple[Tensor, Tensor]:
        scale, shift = self.net(fixed).chunk(2, dim=1)
        free = 1 - self.mask
        return torch.tanh(scale) * free, shift * free

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """``(y, log|det|)`` of ``x``."""
        scale, shift = self._scale_shift(x * self.mask)
        return x * scale.exp() + shift, scale.sum(1)

    def inverse(self, y: Tensor) -> Tensor:
        """``x`` of ``y``."""
        scale, shift = self._scale_shift(y * self.mask)
        return (y - shift) * (-scale).exp()


class Permutation(nn.Module):
    """A fixed permutation of the features (log-det 0)."""

    def __init__(self, order: Tensor) -> None:
        super().__init__()
        self.register_buffer('order', order.long())
        self.register_buffer('inverse_order', order.argsort())

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """``(x[:, order], 0)``."""
        return x[:, self.order], x.new_zeros(len(x))

    def inverse(self, y: Tensor) -> Tensor:
        """``y[:, order^-1]``."""
        return y[:, self.inverse_order]


class RealNVP(nn.Module):
    """Real-NVP: per coupling a batch norm, an affine coupling (alternating half masks) and a
    random permutation (seeded).

    Args:
        dim: the feature width ``D`` (at least 2).
        couplings: the number of coupling layers.
        hidden: the width of the coupling MLPs (default ``2 D``).
        seed: the seed of the permutations.
    """

    def __init__(self, dim: int, couplings: int = 8, hidden: int = 0, seed: int = 0) -> None:
        super().__init__()
        if dim < 2:
            raise ValueError(f'a Real-NVP needs at least 2 features, got {dim}')
        self.arch = dict(dim=dim, couplings=couplings, hidden=hidden or 2 * dim, seed=seed)
        generator = torch.Generator().manual_seed(seed)
        half = (torch.arange(dim) % 2).float()
        layers = []
        for index in range(couplings):
            mask = half if index % 2 else 1 - half
            layers += [FlowBatchNorm(dim), AffineCoupling(dim, self.arch['hidden'], mask),
                       Permutation(torch.randperm(dim, generator=generator))]
        self.layers = nn.ModuleList(layers)

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """``(eta, log|det d eta / dx|)`` of ``x`` (``n x D``)."""
        logdet = x.new_zeros(len(x))
        for layer in self.layers:
            x, step = layer(x)
            logdet = logdet + step
        return x, logdet

    def inverse(self, eta: Tensor) -> Tensor:
        """``x`` of ``eta`` (eval mode)."""
        for layer in reversed(self.layers):
            eta = layer.inverse(eta)
        return eta

    def nll(self, x: Tensor) -> Tensor:
        """The negative log-likelihood of each row of ``x``."""
        eta, logdet = self(x.float())
        log_normal = -0.5 * (eta ** 2).sum(1) - 0.5 * eta.shape[1] * LOG_2PI
        return -(log_normal + logdet)


def fit_flow(features: Tensor, couplings: int = 8, epochs: int = 10, batch_size: int = 1024,
             lr: float = 1e-3, seed: int = 0) -> Tuple[RealNVP, float]:
    """Fits a Real-NVP to ``features`` (``n x D``) by Adam on the mean NLL.

    Returns:
        The flow in eval mode and its mean NLL on ``features`` (the layer's ``L(Z_l)``, eq. 8).
    """
    torch.manual_seed(seed)
    flow = RealNVP(features.shape[1], couplings, seed=seed)
    optimizer = torch.optim.Adam(flow.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    features = features.float()
    flow.train()
    for _ in range(epochs):
        for batch in torch.randperm(len(features), generator=generator).split(batch_size):
            if len(batch) < 2:
                continue
            loss = flow.nll(features[batch]).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    flow.eval()
    with torch.no_grad():
        mean_nll = float(torch.cat([flow.nll(part) for part in features.split(batch_size)]).mean())
    return flow, mean_nll


def flow_from_state(arch: Dict[str, int], state: Dict[str, Tensor]) -> RealNVP:
    """A flow rebuilt from its ``arch`` and ``state_dict`` (as stored in a statistics file)."""
    flow = RealNVP(**arch)
    flow.load_state_dict(state)
    return flow.eval()
