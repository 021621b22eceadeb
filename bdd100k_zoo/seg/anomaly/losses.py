"""Losses of the trained anomaly heads. Plain ``nn.Module`` classes, registered without importing
``mmseg.models``.

``BDD100KDirichletPriorLoss`` trains a decode head as a Dirichlet prior network (Malinin and
Gales, NeurIPS 2018), scored with ``BDD100KDirichletEntropyScore`` (Fishyscapes section 4.1).

The head's logits ``z`` give concentrations ``alpha = exp(z)``. Known pixels are pulled to a sharp
Dirichlet, ``smoothed one-hot x concentration``; pixels labelled ``out_label`` (the void pixels,
relabelled by ``BDD100KRelabelVoid``) to the flat ``Dir(1, ..., 1)``; ignored pixels are left
out. The loss is the KL divergence ``KL(Dir(target) || Dir(alpha))`` averaged over those pixels
and divided by ``concentration``, as public prior-network code normalises it (our defaults:
concentration 100, smoothing 0.01; the Fishyscapes paper does not state them).

``BDD100KPixelContrastiveLoss`` is the auxiliary contrastive loss of the VCA open-set head
(:class:`~bdd100k_zoo.seg.anomaly.heads.BDD100KOpenSetPrototypeHead`). The VCA paper trains "a
separate projection head with auxiliary contrastive loss along with the segmentation loss"
(section 4.3) but its text does not give the loss; ours is the supervised contrastive loss
(Khosla et al., NeurIPS 2020) over pixels, the unknown class being one more class: with
L2-normalised projections ``z``, temperature ``tau`` and ``P(i)`` the other sampled pixels of
``i``'s label,
``L = mean_i -1/|P(i)| sum_{p in P(i)} log(exp(z_i.z_p / tau) / sum_{a != i} exp(z_i.z_a / tau))``
over the sampled pixels with at least one positive. Pixels are sampled per label (at most
``max_per_class`` each, uniformly, from the labels resized to the projection's size by nearest
neighbour); ignored pixels are left out. Defaults (ours): tau 0.1, 256 pixels per class, weight 0.1.
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


def supervised_contrastive(vectors: Tensor, labels: Tensor, temperature: float) -> Tensor:
    """The supervised contrastive loss of ``M x D`` vectors (L2-normalised here) with ``M`` labels
    (see the module); 0 (kept in the graph) when no vector has a positive."""
    unit = F.normalize(vectors, dim=1)
    self_pair = torch.eye(len(unit), dtype=torch.bool, device=unit.device)
    similarity = (unit @ unit.T / temperature).masked_fill(self_pair, float('-inf'))
    log_prob = similarity - torch.logsumexp(similarity, dim=1, keepdim=True)
    positive = (labels[:, None] == labels[None, :]) & ~self_pair
    count = positive.sum(1)
    anchors = count > 0
    if not anchors.any():
        return unit.sum() * 0
    positive_log_prob = log_prob.masked_fill(~positive, 0).sum(1)
    return -(positive_log_prob[anchors] / count[anchors]).mean()


def sample_per_label(labels: Tensor, max_per_class: int, ignore_index: int) -> Tensor:
    """Indices of at most ``max_per_class`` uniformly drawn entries of each label of a 1-D label
    tensor (``ignore_index`` left out), in label order."""
    picked = []
    for label in labels.unique():
        if label == ignore_index:
            continue
        where = torch.nonzero(labels == label).squeeze(1)
        if len(where) > max_per_class:
            where = where[torch.randperm(len(where), device=where.device)[:max_per_class]]
        picked.append(where)
    return torch.cat(picked) if picked else labels.new_zeros(0)


@MODELS.register_module()
class BDD100KPixelContrastiveLoss(nn.Module):
    """The supervised pixel contrastive loss of the VCA head's projections (see the module).

    Args:
        temperature: the softmax temperature ``tau``.
        max_per_class: how many pixels of each label enter the loss per batch.
        ignore_index: the label left out.
        loss_weight: the weight of the loss.
        loss_name: its name in the logs (must start with ``loss_``).

    Raises:
        ValueError: a non-positive temperature or ``max_per_class`` below 2.
    """

    def __init__(self, temperature: float = 0.1, max_per_class: int = 256,
                 ignore_index: int = 255, loss_weight: float = 0.1,
                 loss_name: str = 'loss_contrastive') -> None:
        super().__init__()
        if temperature <= 0 or max_per_class < 2:
            raise ValueError(f'temperature must be positive and max_per_class at least 2, got '
                             f'{temperature} and {max_per_class}')
        self.temperature, self.max_per_class = temperature, max_per_class
        self.ignore_index, self.loss_weight = ignore_index, loss_weight
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """The name of the loss in the logs."""
        return self._loss_name

    def forward(self, projections: Tensor, labels: Tensor) -> Tensor:
        """The loss of ``N x D x h x w`` projections against ``N x H x W`` labels."""
        size = projections.shape[2:]
        labels = F.interpolate(labels[:, None].float(), size=size, mode='nearest')[:, 0].long()
        vectors = projections.permute(0, 2, 3, 1).reshape(-1, projections.shape[1])
        labels = labels.reshape(-1)
        picked = sample_per_label(labels, self.max_per_class, self.ignore_index)
        return self.loss_weight * supervised_contrastive(vectors[picked], labels[picked],
                                                         self.temperature)
