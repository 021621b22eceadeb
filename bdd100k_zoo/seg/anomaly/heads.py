"""``BDD100KOpenSetPrototypeHead``: the class-agnostic open-set head of the VCA paper (Siam et al.,
"Video Class Agnostic Segmentation Benchmark for Autonomous Driving", section 4.3) on any mmseg
decode head.

Each known class ``c`` has a learnable prototype ``mu_c`` and scale ``sigma_c``; a pixel's
embedding ``e`` gets the distance logits ``-||e - mu_c||_2 / (2 sigma_c^2)``, and one learnable
global logit ``gamma`` is appended as the unknown class ``K``; a softmax over the ``K + 1`` logits
and cross entropy train them (the unknown class on the pixels :class:`~bdd100k_zoo.seg.anomaly.
transforms.BDD100KRelabelVoid` labels ``K``). The anomaly score is the unknown class's probability
(``BDD100KUnknownScore``), the unknown mask its argmax (CA-IoU). With ``contrastive_loss``, a
separate projection head (two 1x1 convs) maps the embeddings to the space of an auxiliary
contrastive loss (:class:`~bdd100k_zoo.seg.anomaly.losses.BDD100KPixelContrastiveLoss`), as the
paper's contrastive baseline.

The embedding is the classifier input of the wrapped head (its ``channels`` wide, after its
dropout): the head's 1x1 classifier ``conv_seg`` is replaced by :class:`PrototypeClassifier`, so
any head that classifies through ``cls_seg`` (FCN, PSP, the DLA head, ...) becomes open-set, keeps
its loss, sampler and accuracy, and ``decode_head.head.conv_seg:in`` names the embedding for
feature scores. Our choices where the paper's text is silent (the public code initialises
``sigma`` near 0, which makes the logits explode): ``sigma_c = exp(s_c)`` with ``s_c`` learnt from
0, prototypes from N(0, 0.01^2), ``gamma`` from 0, distances computed as
``sqrt(max(||e||^2 - 2 e.mu + ||mu||^2, eps))`` so neither memory (no ``K x D`` per pixel) nor the
gradient at ``e = mu`` blows up.
"""
from typing import Any, Dict, List, Optional, Tuple

import torch
from mmengine.model import BaseModule
from mmseg.registry import MODELS
from torch import Tensor, nn

#: Squared distances below this are raised to it (the distance's gradient is undefined at 0).
DISTANCE_EPS = 1e-6


def prototype_distances(embeddings: Tensor, prototypes: Tensor,
                        eps: float = DISTANCE_EPS) -> Tensor:
    """Euclidean distances of every pixel's embedding to every prototype.

    Args:
        embeddings: ``N x D x H x W``.
        prototypes: ``K x D``.
        eps: the smallest squared distance (see the module).

    Returns:
        ``N x K x H x W``.
    """
    cross = torch.einsum('ndhw,kd->nkhw', embeddings, prototypes)
    squared = (embeddings.pow(2).sum(1, keepdim=True) - 2 * cross
               + prototypes.pow(2).sum(1)[None, :, None, None])
    return squared.clamp_min(eps).sqrt()


class PrototypeClassifier(nn.Module):
    """Distance logits to ``num_known`` learnable prototypes plus a learnable unknown logit.

    Args:
        channels: the embedding width ``D``.
        num_known: the number ``K`` of known classes.

    Attributes:
        prototypes: ``K x D`` class prototypes ``mu``.
        log_sigma: ``K`` logarithms of the class scales ``sigma``.
        unknown: the global unknown logit ``gamma``.
    """

    def __init__(self, channels: int, num_known: int) -> None:
        super().__init__()
        if channels < 1 or num_known < 1:
            raise ValueError(f'channels and num_known must be positive, got {channels} and '
                             f'{num_known}')
        self.prototypes = nn.Parameter(torch.randn(num_known, channels) * 0.01)
        self.log_sigma = nn.Parameter(torch.zeros(num_known))
        self.unknown = nn.Parameter(torch.zeros(()))

    def forward(self, embeddings: Tensor) -> Tensor:
        """``N x D x H x W`` embeddings -> ``N x (K + 1) x H x W`` logits (unknown last)."""
        distances = prototype_distances(embeddings, self.prototypes)
        scale = 2 * torch.exp(2 * self.log_sigma)[None, :, None, None]
        unknown = self.unknown.expand(len(embeddings), 1, *embeddings.shape[2:])
        return torch.cat([-distances / scale, unknown.to(distances.dtype)], dim=1)


@MODELS.register_module()
class BDD100KOpenSetPrototypeHead(BaseModule):
    """A decode head whose classifier is the VCA open-set prototype classifier (see the module).

    Args:
        head: any decode head config with ``num_classes`` = the number ``K`` of known classes
            (e.g. ``_base_.model.decode_head``); it is built with ``K + 1`` outputs.
        contrastive_loss: the auxiliary contrastive loss on the projected embeddings (None: none).
        projection_channels: the width of the projection head's output.
        init_cfg: as :class:`mmengine.model.BaseModule`.
    """

    def __init__(self, head: Dict[str, Any], contrastive_loss: Optional[Dict[str, Any]] = None,
                 projection_channels: int = 128,
                 init_cfg: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(init_cfg)
        self.num_known = int(head['num_classes'])
        self.head = MODELS.build(dict(head, num_classes=self.num_known + 1))
        channels = self.head.channels
        self.head.conv_seg = PrototypeClassifier(channels, self.num_known)
        self.projection: Optional[nn.Module] = None
        self.contrastive_loss: Optional[nn.Module] = None
        if contrastive_loss is not None:
            self.projection = nn.Sequential(nn.Conv2d(channels, channels, 1), nn.ReLU(),
                                            nn.Conv2d(channels, projection_channels, 1))
            self.contrastive_loss = MODELS.build(contrastive_loss)

    @property
    def align_corners(self) -> bool:
        """The wrapped head's ``align_corners``."""
        return self.head.align_corners

    @property
    def num_classes(self) -> int:
        """``K + 1``: the known classes and the unknown class."""
        return self.head.num_classes

    @property
    def out_channels(self) -> int:
        """``K + 1``."""
        return self.head.out_channels

    @property
    def threshold(self) -> Optional[float]:
        """The wrapped head's (unused: more than one output)."""
        return self.head.threshold

    def forward(self, inputs: Tuple[Tensor, ...]) -> Tensor:
        """The ``N x (K + 1) x h x w`` logits of the backbone/neck features."""
        return self.head(inputs)

    def embed_and_classify(self, inputs: Tuple[Tensor, ...]) -> Tuple[Tensor, Tensor]:
        """``(embeddings, logits)``: the classifier's input and its output."""
        seen: List[Tensor] = []
        handle = self.head.conv_seg.register_forward_pre_hook(
            lambda _module, args: seen.append(args[0]))
        try:
            logits = self.head(inputs)
        finally:
            handle.remove()
        return seen[-1], logits

    def loss(self, inputs: Tuple[Tensor, ...], batch_data_samples: List[Any],
             train_cfg: Dict[str, Any]) -> Dict[str, Tensor]:
        """The wrapped head's losses (cross entropy over ``K + 1`` classes by default) and the
        contrastive loss when configured."""
        if self.contrastive_loss is None:
            return self.head.loss(inputs, batch_data_samples, train_cfg)
        embeddings, logits = self.embed_and_classify(inputs)
        losses = self.head.loss_by_feat(logits, batch_data_samples)
        labels = torch.stack([sample.gt_sem_seg.data[0] for sample in batch_data_samples])
        losses[self.contrastive_loss.loss_name] = self.contrastive_loss(
            self.projection(embeddings), labels)
        return losses

    def predict(self, inputs: Tuple[Tensor, ...], batch_img_metas: List[Dict[str, Any]],
                test_cfg: Dict[str, Any]) -> Tensor:
        """The wrapped head's prediction: ``K + 1`` logits at the input size."""
        return self.head.predict(inputs, batch_img_metas, test_cfg)
