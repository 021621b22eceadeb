"""PCAN's prototypes: the EM steps shared by both levels and the frame-level space-time memory.

PCAN (Prototypical Cross-Attention Networks, Ke et al., NeurIPS 2021) condenses features into a few
prototypes with expectation-maximisation and reads them back with attention:

* E step: ``z = softmax_k(t * x^T mu)`` (N pixels x K prototypes), optionally multiplied by a pixel
  mask, then normalised to sum to 1 over the pixels;
* M step: ``mu = x z``, each prototype L2-normalised over the channels.

:class:`BDD100KPrototypeMemory` is the frame-level memory of the published model: at a video's first
frame it keeps that frame's FPN features as a memory bank per level; at every frame it distils the bank
into prototypes, reconstructs the frame's features from them by attention and blends the two, then
blends the bank and the prototypes into the memory for the next frame. Only levels 0 and 1 are used
upstream; the prototype buffers are named ``mu<level>`` as upstream's.

Every softmax here is :func:`pruned_softmax`: the weights below 1e-30 of their row's largest are
exact zeros instead of the float32 subnormals (below ~1e-38) they would partly become, or make in
the next step (common with the temperature of 20). On a CPU, arithmetic on subnormals is many times
slower; the dropped weights change no result at float32 precision.
"""
import math
from typing import Optional, Sequence

import torch
from mmdet.registry import MODELS
from mmengine.model import BaseModule
from torch import Tensor

#: Added to denominators as upstream does (``_l1norm``/``_l2norm``).
EPS = 1e-6
#: :func:`pruned_softmax` drops the weights ``exp(logit - max)`` below this.
MIN_WEIGHT = 1e-30


def l1_normalize(z: Tensor, dim: int) -> Tensor:
    """``z`` divided by (1e-6 + its sum over ``dim``)."""
    return z / (EPS + z.sum(dim=dim, keepdim=True))


def l2_normalize(mu: Tensor, dim: int) -> Tensor:
    """``mu`` divided by (1e-6 + its L2 norm over ``dim``)."""
    return mu / (EPS + mu.norm(dim=dim, keepdim=True))


def random_prototypes(channels: int, num_protos: int) -> Tensor:
    """(1, C, K) prototypes drawn from N(0, 2/K) and L2-normalised over the channels (upstream's init)."""
    protos = torch.empty(1, channels, num_protos).normal_(0, math.sqrt(2. / num_protos))
    return l2_normalize(protos, dim=1)


def pruned_softmax(logits: Tensor, dim: int) -> Tensor:
    """``softmax(logits, dim)`` with the weights ``exp(logit - max)`` below :data:`MIN_WEIGHT` at 0.

    The kept probabilities are at least ``MIN_WEIGHT / n`` (n entries along ``dim``), so neither
    they nor the EM step's L1-normalised responsibilities (divided by at most ``EPS`` + the pixel
    count) become subnormal. Dropping the others changes a probability by less than
    ``n * MIN_WEIGHT``, and an EM prototype (L1 and L2 normalisation each scale by at most
    ``1 / EPS``) by less than ``pixels * MIN_WEIGHT / EPS**2`` times the largest feature magnitude:
    1e-13 of it for the 57,600 pixels of a stride-4 level at 1280x720, far below float32
    precision. Rows with NaN or +inf give NaN, as ``softmax`` does.

    Args:
        logits: any tensor.
        dim: the dimension normalised.
    """
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    weights = shifted.masked_fill_(shifted < math.log(MIN_WEIGHT), -math.inf).exp_()
    return weights.div_(weights.sum(dim=dim, keepdim=True))


@torch.no_grad()
def em_prototypes(feats: Tensor, init: Tensor, iters: int, temperature: float,
                  mask: Optional[Tensor] = None) -> Tensor:
    """Prototypes of ``feats`` after ``iters`` EM iterations from ``init`` (no gradient).

    Args:
        feats: (B, C, N) features (N pixels).
        init: (B or 1, C, K) initial prototypes.
        iters: number of EM iterations.
        temperature: scale of the similarities before the softmax over prototypes.
        mask: optional (B, N) pixel weights (upstream: a binary mask) multiplied into the
            responsibilities before they are normalised over the pixels.

    Returns:
        (B, C, K) prototypes, each L2-normalised over the channels.
    """
    mu = init.expand(feats.size(0), -1, -1)
    for _ in range(iters):
        # z held as (B, K, N): the reductions over the prototypes run along contiguous pixels
        z = pruned_softmax(torch.einsum('bck,bcn->bkn', mu, feats).mul_(temperature), dim=1)
        if mask is not None:
            z.mul_(mask[:, None, :])
        z = l1_normalize(z, dim=2)
        mu = l2_normalize(torch.einsum('bcn,bkn->bck', feats, z), dim=1)
    return mu


def prototype_attention(feats: Tensor, protos: Tensor) -> Tensor:
    """(B, N, K) attention of each pixel over the prototypes: ``softmax_k(x^T mu)`` (no temperature).

    Args:
        feats: (B, C, N) features.
        protos: (B, C, K) prototypes.

    Returns:
        A (B, N, K) view of a (B, K, N) tensor.
    """
    return pruned_softmax(torch.einsum('bck,bcn->bkn', protos, feats), dim=1).transpose(1, 2)


def reconstruct(feats: Tensor, protos: Tensor) -> Tensor:
    """(B, C, N) features rebuilt from the prototypes by attention: ``mu a^T``."""
    return torch.einsum('bck,bnk->bcn', protos, prototype_attention(feats, protos))


@MODELS.register_module()
class BDD100KPrototypeMemory(BaseModule):
    """PCAN's frame-level space-time memory of FPN features, distilled into EM prototypes.

    Call :meth:`reset` with the features of a video's first frame, then the module on every frame of
    the video (the first one included). Per used level ``l``, with bank ``M``, memory prototypes
    ``mu``, this frame's features ``x``::

        p = EM(M, init=mu)                         # em_iters iterations, temperature
        x = w_f * x + (1 - w_f) * reconstruct(x, p)
        M = w_b * x + (1 - w_b) * M
        mu = m * mu + (1 - m) * p

    The buffers ``mu<level>`` (the initial prototypes) never change; the running bank and prototypes
    are plain attributes, not saved in checkpoints.

    Args:
        channels: number of FPN channels.
        num_protos: number of prototypes per level.
        em_iters: EM iterations per frame.
        temperature: scale of the similarities in the E step.
        levels: FPN levels with a memory (upstream: 0 and 1); ``()`` makes the module the identity.
        feat_weight: weight ``w_f`` of the frame's own features in the blend.
        bank_weight: weight ``w_b`` of the blended features in the new bank.
        proto_momentum: weight ``m`` of the old prototypes in the new ones.
        init_cfg: initialisation config.
    """

    def __init__(self,
                 channels: int = 256,
                 num_protos: int = 30,
                 em_iters: int = 3,
                 temperature: float = 20.,
                 levels: Sequence[int] = (0, 1),
                 feat_weight: float = 0.75,
                 bank_weight: float = 0.75,
                 proto_momentum: float = 0.5,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if len(set(levels)) != len(levels) or any(level < 0 for level in levels):
            raise ValueError(f'levels must be distinct feature map indices, got {levels}')
        self.levels = tuple(levels)
        self.em_iters = em_iters
        self.temperature = temperature
        self.feat_weight = feat_weight
        self.bank_weight = bank_weight
        self.proto_momentum = proto_momentum
        for level in self.levels:
            self.register_buffer(f'mu{level}', random_prototypes(channels, num_protos))
        self.banks: Optional[list[Tensor]] = None
        self.mus: Optional[list[Tensor]] = None

    def reset(self, feats: Sequence[Tensor]) -> None:
        """Start a video: the banks become these features, the prototypes the ``mu`` buffers.

        Args:
            feats: the multi-level features of the video's first frame.
        """
        self.banks = [feats[level].detach().clone() for level in self.levels]  # updated in place
        self.mus = [getattr(self, f'mu{level}') for level in self.levels]

    def forward(self, feats: Sequence[Tensor]) -> tuple[Tensor, ...]:
        """This frame's features with the used levels blended with the memory; updates the memory.

        Args:
            feats: the frame's multi-level (B, C, H, W) features, B as at :meth:`reset`.

        Returns:
            The features, levels without memory unchanged.

        Raises:
            RuntimeError: the memory was not reset since it was built.
            ValueError: a level's feature size differs from the bank's (a frame of another size).
        """
        feats = list(feats)
        if not self.levels:
            return tuple(feats)
        if self.banks is None or self.mus is None:
            raise RuntimeError('BDD100KPrototypeMemory: call reset() with the first frame of a video '
                               'before the memory reads a frame')
        for index, level in enumerate(self.levels):
            bank, x = self.banks[index], feats[level]
            if bank.shape != x.shape:
                raise ValueError(f'BDD100KPrototypeMemory level {level}: features of shape '
                                 f'{tuple(x.shape)} but the video started with {tuple(bank.shape)}; '
                                 'all frames of a video must have the same size')
            batch, channels, height, width = x.shape
            protos = em_prototypes(bank.flatten(2), self.mus[index], self.em_iters, self.temperature)
            rebuilt = reconstruct(x.flatten(2), protos).view(batch, channels, height, width)
            x = rebuilt.mul_(1 - self.feat_weight).add_(x, alpha=self.feat_weight)
            feats[level] = x
            bank.mul_(1 - self.bank_weight).add_(x.detach(), alpha=self.bank_weight)
            self.mus[index] = self.proto_momentum * self.mus[index] + (1 - self.proto_momentum) * protos
        return tuple(feats)
