"""Post-hoc anomaly scores of segmentation logits: pure functions, higher = more anomalous.

Every function takes logits (or probabilities) with the classes on dimension ``-3`` (``C x H x W``
or ``N x C x H x W``) and returns a float32 map without that dimension. The formulas are those of
the Fishyscapes paper (Blum et al., section 4.1) and of Jung et al. (Standardized Max Logits).
"""
import math
from typing import Tuple

import torch
from torch import Tensor

#: The class dimension of every input.
CLASS_DIM = -3


def max_softmax(logits: Tensor) -> Tensor:
    """``1 - max_c softmax(z)_c``."""
    return (1 - logits.float().softmax(CLASS_DIM).amax(CLASS_DIM)).float()


def entropy(logits: Tensor, normalized: bool = False) -> Tensor:
    """``-sum_c p_c log p_c`` of ``p = softmax(z)``, computed from ``log_softmax`` (no ``log 0``).

    Args:
        logits: the logits.
        normalized: divide by ``log C`` (the entropy of the uniform distribution), giving [0, 1].
    """
    log_p = logits.float().log_softmax(CLASS_DIM)
    value = -(log_p.exp() * log_p).sum(CLASS_DIM)
    if normalized:
        value = value / math.log(logits.shape[CLASS_DIM])
    return value.float()


def max_logit(logits: Tensor) -> Tensor:
    """``-max_c z_c``."""
    return (-logits.amax(CLASS_DIM)).float()


def energy(logits: Tensor, temperature: float = 1.0) -> Tensor:
    """The free energy ``-T logsumexp(z / T)`` (Liu et al., NeurIPS 2020).

    Raises:
        ValueError: ``temperature`` is not positive.
    """
    if temperature <= 0:
        raise ValueError(f'the energy temperature must be positive, got {temperature}')
    return (-temperature * torch.logsumexp(logits.float() / temperature, CLASS_DIM)).float()


def standardized_max_logit(logits: Tensor, mean: Tensor, std: Tensor) -> Tuple[Tensor, Tensor]:
    """The max logit standardised by the statistics of the predicted class, and that class.

    Args:
        logits: the logits.
        mean: ``C`` means of the max logit over training pixels predicted as each class.
        std: their ``C`` standard deviations (positive).

    Returns:
        ``(v, classes)``: ``v = (max_c z_c - mean[c_hat]) / std[c_hat]`` (high = in-distribution;
        the SML score is ``-v`` after its post-processing) and the predicted class map ``c_hat``.
    """
    top, classes = logits.float().max(CLASS_DIM)
    mean = mean.to(top)
    std = std.to(top)
    return ((top - mean[classes]) / std[classes]).float(), classes


def class_probability(logits: Tensor, index: int) -> Tensor:
    """``softmax(z)_index``: the void classifier's and the open-set head's score (index ``K``)."""
    return logits.float().softmax(CLASS_DIM).select(CLASS_DIM, index).contiguous().float()


def predictive_entropy_and_mutual_information(probs: Tensor) -> Tuple[Tensor, Tensor]:
    """MC dropout scores of ``T`` stochastic passes (Fishyscapes paper eq. 1-2).

    Args:
        probs: softmax probabilities stacked on dimension 0 (``T x ... x C x H x W``).

    Returns:
        ``(PE, MI)``: the entropy of the mean probabilities and the mutual information
        ``PE - mean_t H[p_t]``.
    """
    probs = probs.double()
    mean_entropy = _plogp_sum(probs).mean(0)
    predictive = _plogp_sum(probs.mean(0))
    return predictive.float(), (predictive - mean_entropy).float()


def _plogp_sum(probs: Tensor) -> Tensor:
    """``-sum_c p_c log p_c`` with ``0 log 0 = 0``."""
    return -torch.special.xlogy(probs, probs).sum(CLASS_DIM)
