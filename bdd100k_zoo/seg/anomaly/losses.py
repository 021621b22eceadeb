"""``BDD100KDirichletPriorLoss``: trains a decode head as a Dirichlet prior network (Malinin and
Gales, NeurIPS 2018), scored with ``BDD100KDirichletEntropyScore`` (Fishyscapes section 4.1).

Its logits ``z`` give concentrations ``alpha = exp(z)``. Known pixels are pulled to a sharp
Dirichlet, ``smoothed one-hot x concentration``; pixels labelled ``out_label`` (the void pixels,
relabelled by ``BDD100KRelabelVoid``) to the flat ``Dir(1, ..., 1)``; ignored pixels are left
out. The loss is the KL divergence ``KL(Dir(target) || Dir(alpha))`` averaged over those pixels
and divided by ``concentration``, as public prior-network code normalises it (our defaults:
concentration 100, smoothing 0.01; the Fishyscapes paper does not state them).
A plain ``nn.Module``: registered without importing ``mmseg.models``.
"""
from typing import Any, Optional

import torch
import torch.nn.functional as F
from mmseg.registry import MODELS
from torch import Tensor, nn

from ...anomaly.dirichlet import concentrations, kl_divergence


@MODELS.register_module()
class BDD100KDirichletPriorLoss(nn.Module):
    """The prior-network KL loss of a decode head (use as its ``loss_decode``).

    Args:
        concentration: the total concentration of the known pixels' target.
        smoothing: the label smoothing of their target (its mass spread over all classes).
        out_label: the label of the out-of-distribution (void) pixels: target ``Dir(1, ..., 1)``.
        loss_weight: the weight of the loss.
        loss_name: its name in the logs (must start with ``loss_``).

    Raises:
        ValueError: a non-positive concentration or a smoothing outside [0, 1).
    """

    def __init__(self, concentration: float = 100.0, smoothing: float = 0.01,
                 out_label: int = 254, loss_weight: float = 1.0,
                 loss_name: str = 'loss_dirichlet') -> None:
        super().__init__()
        if concentration <= 0 or not 0 <= smoothing < 1:
            raise ValueError(f'concentration must be positive and smoothing in [0, 1), got '
                             f'{concentration} and {smoothing}')
        self.concentration, self.smoothing = concentration, smoothing
        self.out_label, self.loss_weight = out_label, loss_weight
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """The name of the loss in the logs."""
        return self._loss_name

    def forward(self, cls_score: Tensor, label: Tensor, weight: Optional[Tensor] = None,
                ignore_index: int = 255, **kwargs: Any) -> Tensor:
        """The loss of ``N x C x H x W`` logits against ``N x H x W`` labels."""
        classes = cls_score.shape[1]
        known = (label >= 0) & (label < classes) & (label != ignore_index)
        out = (label == self.out_label) & (label != ignore_index)
        one_hot = F.one_hot(label.clamp(0, classes - 1).long(), classes).permute(0, 3, 1, 2)
        sharp = self.concentration * ((1 - self.smoothing) * one_hot.double()
                                      + self.smoothing / classes)
        targets = torch.where(known[:, None], sharp, torch.ones_like(sharp))
        divergence = kl_divergence(concentrations(cls_score), targets, dim=1)
        used = known | out
        if weight is not None:
            divergence = divergence * weight
        loss = divergence[used].sum() / used.sum().clamp(min=1) / self.concentration
        return (self.loss_weight * loss).to(cls_score.dtype)
