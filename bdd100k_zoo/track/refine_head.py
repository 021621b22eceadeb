"""PCAN's cross-attention refine mask head: instance foreground/background prototypes.

A key RoI (this frame's detection) is refined with a reference RoI (the same object in an earlier
frame, or the detection itself). Both carry their 14x14 mask RoI features and their mask head logits
(of the detection's class). The head

1. binarises both logits at 14x14 (``sigmoid >= 0.5``) and averages the reference features over its
   foreground (the context vector);
2. runs masked EM (:func:`~bdd100k_zoo.track.prototypes.em_prototypes`) on the reference's foreground
   and background from the ``pos_mu``/``neg_mu`` buffers, then from those on the key's; the buffers
   follow the batch mean of the key prototypes with momentum (every forward, training and test, never
   reset: upstream behaviour);
3. attends each key pixel over the foreground and background prototypes together and sums the
   attention per side (two maps summing to 1);
4. convolves ``[key features, fg map, bg map, key logits]`` (``conv1``) plus the context (``conv2``),
   then ``convs``, a deconvolution and ``conv_logits``: (R, 1, 28, 28) refined logits.

Steps 3-4 can be limited to the RoIs whose logits are used (``select``): upstream refines every
detection its tracker keeps and outputs the tracked ones' masks only. All RoIs still move the
buffers (step 2), so the selected logits are those of refining all.

Module and buffer names are upstream's (``EMMatchHeadPlus``), so mmdet 2.x checkpoints map by prefix.
Upstream arguments the published model does not use are left out: ``num_classes`` and
``mask_thr_binary`` (pasting is the detector's mask head's job here), ``with_both_feat``,
``with_dilation`` (False) and ``match_with_pids`` (True).
"""
from typing import Optional, Sequence

import torch
import torch.nn.functional as F
from mmcv.cnn import ConvModule
from mmdet.registry import MODELS
from mmengine.model import BaseModule
from torch import Tensor, nn

from .prototypes import em_prototypes, pruned_softmax, random_prototypes

#: Added to the foreground pixel count of the context vector (upstream ``compute_context``).
CONTEXT_EPS = 1e-5


@MODELS.register_module()
class BDD100KPCANRefineHead(BaseModule):
    """PCAN's refine mask head (upstream ``EMMatchHeadPlus``), see the module docstring.

    Args:
        in_channels: channels of the mask RoI features.
        conv_out_channels: channels of the convolutions.
        num_convs: number of 3x3 convolutions including ``conv1``.
        conv_kernel_size: kernel size of ``conv1`` and ``convs``.
        upsample_ratio: stride of the deconvolution (14x14 -> 28x28).
        num_pos_protos: number of foreground prototypes.
        num_neg_protos: number of background prototypes.
        em_iters: EM iterations per prototype estimation.
        temperature: scale of the similarities in the E step.
        momentum: weight of the old ``pos_mu``/``neg_mu`` in their update.
        with_ref_mask: also feed the reference's logits to ``conv1``.
        with_key_mask: also feed the key's logits to ``conv1``.
        match_score_thr: cosine similarity above which a training key RoI has a reference RoI.
        conv_cfg: convolution config of the ``ConvModule``s.
        norm_cfg: normalisation config of the ``ConvModule``s.
        loss_mask: the loss of the refined logits (sigmoid BCE upstream).
        init_cfg: initialisation config (upstream: Kaiming fan-out for the deconvolution and the
            logits, zero bias; the ``ConvModule``s initialise themselves).
    """

    def __init__(self,
                 in_channels: int = 256,
                 conv_out_channels: int = 256,
                 num_convs: int = 4,
                 conv_kernel_size: int = 3,
                 upsample_ratio: int = 2,
                 num_pos_protos: int = 10,
                 num_neg_protos: int = 10,
                 em_iters: int = 6,
                 temperature: float = 20.,
                 momentum: float = 0.95,
                 with_ref_mask: bool = False,
                 with_key_mask: bool = True,
                 match_score_thr: float = 0.5,
                 conv_cfg: Optional[dict] = None,
                 norm_cfg: Optional[dict] = None,
                 loss_mask: dict = dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=1.0),
                 init_cfg: Optional[dict] = dict(
                     type='Kaiming', mode='fan_out', nonlinearity='relu', distribution='normal',
                     bias=0, override=[dict(name='upsample'), dict(name='conv_logits')])) -> None:
        super().__init__(init_cfg=init_cfg)
        if num_convs < 1:
            raise ValueError(f'num_convs must be >= 1 (conv1 is the first), got {num_convs}')
        self.num_pos_protos = num_pos_protos
        self.em_iters = em_iters
        self.temperature = temperature
        self.momentum = momentum
        self.with_ref_mask = with_ref_mask
        self.with_key_mask = with_key_mask
        self.match_score_thr = match_score_thr
        padding = (conv_kernel_size - 1) // 2
        conv1_in = in_channels + 2 + int(with_ref_mask) + int(with_key_mask)
        self.conv1 = ConvModule(conv1_in, conv_out_channels, conv_kernel_size, padding=padding,
                                conv_cfg=conv_cfg, norm_cfg=norm_cfg, act_cfg=None)
        self.conv2 = ConvModule(in_channels, conv_out_channels, 1, conv_cfg=conv_cfg,
                                norm_cfg=norm_cfg, act_cfg=None)
        self.convs = nn.ModuleList(
            ConvModule(conv_out_channels, conv_out_channels, conv_kernel_size, padding=padding,
                       conv_cfg=conv_cfg, norm_cfg=norm_cfg) for _ in range(num_convs - 1))
        self.upsample = nn.ConvTranspose2d(conv_out_channels, conv_out_channels, upsample_ratio,
                                           stride=upsample_ratio)
        self.relu = nn.ReLU(inplace=True)
        self.conv_logits = nn.Conv2d(conv_out_channels, 1, 1)
        self.register_buffer('pos_mu', random_prototypes(in_channels, num_pos_protos))
        self.register_buffer('neg_mu', random_prototypes(in_channels, num_neg_protos))
        self.loss_mask = MODELS.build(loss_mask)

    def instance_prototypes(self, ref_feats: Tensor, ref_fg: Tensor, key_feats: Tensor,
                            key_fg: Tensor) -> tuple[Tensor, Tensor]:
        """Foreground and background prototypes of the key RoIs; moves ``pos_mu``/``neg_mu``.

        Args:
            ref_feats: (R, C, N) reference features.
            ref_fg: (R, N) binary foreground of the reference.
            key_feats: (R, C, N) key features.
            key_fg: (R, N) binary foreground of the key.

        Returns:
            (R, C, K+) foreground and (R, C, K-) background prototypes.
        """
        em = dict(iters=self.em_iters, temperature=self.temperature)
        pos = em_prototypes(ref_feats, self.pos_mu, mask=ref_fg, **em)
        neg = em_prototypes(ref_feats, self.neg_mu, mask=1 - ref_fg, **em)
        pos = em_prototypes(key_feats, pos, mask=key_fg, **em)
        neg = em_prototypes(key_feats, neg, mask=1 - key_fg, **em)
        if len(pos) == 0:  # no RoI: nothing to average into the buffers
            return pos, neg
        with torch.no_grad():
            self.pos_mu.mul_(self.momentum).add_((1 - self.momentum) * pos.mean(dim=0, keepdim=True))
            self.neg_mu.mul_(self.momentum).add_((1 - self.momentum) * neg.mean(dim=0, keepdim=True))
        return pos, neg

    def forward(self, ref_feats: Tensor, ref_logits: Tensor, key_feats: Tensor,
                key_logits: Tensor, select: Optional[Tensor] = None) -> Tensor:
        """Refined mask logits of the (selected) key RoIs; every RoI moves ``pos_mu``/``neg_mu``.

        Args:
            ref_feats: (R, C, h, w) mask RoI features of the reference RoIs.
            ref_logits: (R, 1, H, W) mask logits of the reference RoIs (their detection's class).
            key_feats: (R, C, h, w) mask RoI features of the key RoIs.
            key_logits: (R, 1, H, W) mask logits of the key RoIs.
            select: (R,) bool mask or indices of the RoIs whose logits are returned; ``None``: all.
                The others' prototypes are still computed and averaged into the buffers, so the
                selected logits and the buffers are those of refining all R RoIs.

        Returns:
            (S, 1, upsample_ratio * h, upsample_ratio * w) logits of the S selected RoIs.
        """
        height, width = key_feats.shape[2:]
        ref_logits = F.interpolate(ref_logits, size=(height, width), mode='bilinear')
        key_logits = F.interpolate(key_logits, size=(height, width), mode='bilinear')
        ref_fg = (ref_logits.sigmoid() >= 0.5).float()
        key_fg = (key_logits.sigmoid() >= 0.5).float()
        pos, neg = self.instance_prototypes(ref_feats.flatten(2), ref_fg.flatten(1),
                                            key_feats.flatten(2), key_fg.flatten(1))
        if select is not None:
            ref_feats, ref_logits, ref_fg, key_feats, key_logits, pos, neg = (
                tensor[select] for tensor in
                (ref_feats, ref_logits, ref_fg, key_feats, key_logits, pos, neg))
        num_rois = len(key_feats)
        context = ((ref_feats * ref_fg).flatten(2).sum(dim=2) /
                   (ref_fg.flatten(2).sum(dim=2) + CONTEXT_EPS))[:, :, None, None]
        attention = pruned_softmax(torch.einsum('rck,rcn->rkn', torch.cat([pos, neg], dim=2),
                                                key_feats.flatten(2)), dim=1)
        fg_map = attention[:, :self.num_pos_protos].sum(dim=1)
        bg_map = attention[:, self.num_pos_protos:].sum(dim=1)
        inputs = [key_feats, fg_map.view(num_rois, 1, height, width),
                  bg_map.view(num_rois, 1, height, width)]
        if self.with_ref_mask:
            inputs.append(ref_logits)
        if self.with_key_mask:
            inputs.append(key_logits)
        x = self.conv1(torch.cat(inputs, dim=1)) + self.conv2(context)
        for conv in self.convs:
            x = conv(x)
        return self.conv_logits(self.relu(self.upsample(x)))

    def match(self, key_embeds: Sequence[Tensor], ref_embeds: Sequence[Tensor],
              key_ids: Sequence[Tensor], ref_ids: Sequence[Tensor]) -> tuple[list[Tensor], list[Tensor]]:
        """Reference RoI of each training key RoI, per image.

        A key RoI's reference is the reference RoI of the same ground-truth instance with the highest
        cosine similarity of their track embeddings, if that similarity exceeds ``match_score_thr``.

        Args:
            key_embeds: per image, (Rk, D) embeddings of the positive key RoIs.
            ref_embeds: per image, (Rr, D) embeddings of the positive reference RoIs.
            key_ids: per image, (Rk,) instance id of each key RoI's ground truth.
            ref_ids: per image, (Rr,) instance id of each reference RoI's ground truth.

        Returns:
            Per image, the (Rk,) bool mask of key RoIs with a reference, and the reference RoI index
            of each of them.
        """
        valids, ref_inds = [], []
        for key_embed, ref_embed, key_id, ref_id in zip(key_embeds, ref_embeds, key_ids, ref_ids):
            cosine = F.normalize(key_embed, dim=1) @ F.normalize(ref_embed, dim=1).t()
            scores = torch.where(key_id[:, None] == ref_id[None, :], cosine, 0.)
            if scores.size(1) == 0:
                valids.append(scores.new_zeros(len(scores), dtype=torch.bool))
                ref_inds.append(scores.new_zeros(0, dtype=torch.long))
                continue
            conf, ref_ind = scores.max(dim=1)
            valid = conf > self.match_score_thr
            valids.append(valid)
            ref_inds.append(ref_ind[valid])
        return valids, ref_inds

    def loss(self, logits: Tensor, targets: Tensor) -> dict[str, Tensor]:
        """``dict(loss_refine=...)``: the loss of (R, 1, H, W) refined logits and (R, H, W) targets."""
        return dict(loss_refine=self.loss_mask(logits.squeeze(1), targets))
