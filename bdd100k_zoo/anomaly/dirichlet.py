"""Dirichlet prior networks (Malinin and Gales): the differential entropy score and the KL.

The network's logits ``z`` give the concentrations ``alpha = exp(z)`` (clamped, so ``exp`` stays
finite); the Fishyscapes paper scores pixels by the differential entropy of that Dirichlet (eq. 3).
"""
import torch
from torch import Tensor

#: Logits are clamped to [-this, this] before ``exp`` (ours: ``e^40`` is finite in float32 and
#: ``e^-40`` positive, so ``lgamma`` and ``digamma`` stay finite).
MAX_LOG_ALPHA = 40.0


def concentrations(logits: Tensor) -> Tensor:
    """``alpha = exp(clamp(z, -MAX_LOG_ALPHA, MAX_LOG_ALPHA))`` in float64."""
    return logits.double().clamp(-MAX_LOG_ALPHA, MAX_LOG_ALPHA).exp()


def differential_entropy(alphas: Tensor, dim: int = -3) -> Tensor:
    """``H = sum_c lnG(a_c) - lnG(a_0) - sum_c (a_c - 1)(psi(a_c) - psi(a_0))``, ``a_0 = sum a_c``.

    Args:
        alphas: positive concentrations, classes on ``dim``.
        dim: the class dimension.
    """
    alphas = alphas.double()
    total = alphas.sum(dim, keepdim=True)
    value = (torch.lgamma(alphas).sum(dim) - torch.lgamma(total).squeeze(dim)
             - ((alphas - 1) * (torch.digamma(alphas) - torch.digamma(total))).sum(dim))
    return value


def kl_divergence(alphas: Tensor, targets: Tensor, dim: int = -3) -> Tensor:
    """``KL(Dir(targets) || Dir(alphas))`` per pixel (the forward KL of prior networks).

    Args:
        alphas: the predicted concentrations.
        targets: the target concentrations, same shape.
        dim: the class dimension.
    """
    alphas, targets = alphas.double(), targets.double()
    alpha0 = alphas.sum(dim)
    target0 = targets.sum(dim)
    return (torch.lgamma(target0) - torch.lgamma(alpha0)
            + (torch.lgamma(alphas) - torch.lgamma(targets)).sum(dim)
            + ((targets - alphas) * (torch.digamma(targets)
                                     - torch.digamma(target0).unsqueeze(dim))).sum(dim))
