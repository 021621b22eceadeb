"""The BDD100K paper's lane marking network and its lane + drivable multitask variant (mmseg).

BDD100K paper, section 5.1: DLA-34 is the base model; "for lane marking, we use three segmentation
heads for the three attributes", trained with "the weighted cross-entropy loss with foreground
weight 10", with "gradient-based non-maximum suppression for post-processing"; lane marking and
drivable area are trained jointly on their shared images. Here: one backbone and neck shared by
named decode heads, :class:`BDD100KLaneHead` per lane attribute and optionally one class-mask head
(drivable area, a :class:`~bdd100k_zoo.seg.models.BDD100KDLASegHead`).

Predictions: the lane heads together give ``pred_lane_map`` (an official lane mask,
:func:`~bdd100k_zoo.seg.lane_targets.lane_mask_of`); the class-mask head gives ``pred_sem_seg``
and ``seg_logits`` as in mmseg. Losses are prefixed with the head name (``direction.loss_ce``).

Importing this module imports ``mmseg.models``; :mod:`bdd100k_zoo.seg.registration` registers the
classes lazily.
"""
from typing import Any, Dict, List, Optional, Sequence

import torch
import torch.nn.functional as F
from mmengine.structures import PixelData
from mmseg.models.losses import accuracy
from mmseg.models.segmentors.base import BaseSegmentor
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample
from torch import Tensor, nn

from .lane_targets import IGNORE_INDEX, attribute_target, check_attribute, lane_mask_of
from .lane_transforms import GT_LANE_FIELD, PRED_LANE_FIELD
from .models import BDD100KDLASegHead


class BDD100KLaneHead(BDD100KDLASegHead):
    """A lane attribute head: background + one class per value of ``attribute``.

    Its target is computed from the packed lane mask (``gt_lane_map``), padded like the inputs.
    Its loss is the weighted cross entropy (background 1, every value ``foreground_weight``),
    averaged over the pixels not ignored with those weights, as PyTorch's; mmseg's
    ``CrossEntropyLoss`` cannot weigh classes when pixels are ignored (mmseg 1.2 indexes the
    class weights with the ignore index), so ``loss_decode`` is not used.

    Args:
        attribute: ``'direction'``, ``'style'`` or ``'category'``.
        ignored: values of the attribute whose pixels are ignored in training.
        foreground_weight: the weight of the attribute's values in the loss.
        **kwargs: as :class:`~bdd100k_zoo.seg.models.BDD100KDLASegHead` (``num_classes``:
            1 + the attribute's number of values).
    """

    def __init__(self, attribute: str, ignored: Sequence[str] = (),
                 foreground_weight: float = 1.0, **kwargs: Any) -> None:
        super().__init__(ignore_index=IGNORE_INDEX, **kwargs)
        self.attribute = attribute
        self.ignored = tuple(ignored)
        self.foreground_weight = foreground_weight
        check_attribute(attribute, self.ignored)

    def loss_by_feat(self, seg_logits: Tensor, batch_data_samples: Sequence[SegDataSample]
                     ) -> Dict[str, Tensor]:
        """The weighted cross entropy and pixel accuracy of the logits against the targets."""
        target = self._stack_batch_gt(batch_data_samples).squeeze(1)
        logits = F.interpolate(seg_logits, size=target.shape[1:], mode='bilinear',
                               align_corners=self.align_corners)
        weight = logits.new_full((self.out_channels,), self.foreground_weight)
        weight[0] = 1.0
        return {'loss_ce': F.cross_entropy(logits, target, weight=weight,
                                           ignore_index=self.ignore_index),
                'acc_seg': accuracy(logits, target, ignore_index=self.ignore_index)}

    def _stack_batch_gt(self, batch_data_samples: Sequence[SegDataSample]) -> Tensor:
        """The batch's targets (N x 1 x H x W), padded to the inputs with the ignore index."""
        targets = []
        for sample in batch_data_samples:
            target = attribute_target(sample.get(GT_LANE_FIELD).data, self.attribute, self.ignored)
            left, right, top, bottom = sample.metainfo.get('padding_size', (0, 0, 0, 0))
            targets.append(F.pad(target, (left, right, top, bottom), value=IGNORE_INDEX))
        return torch.stack(targets)


class BDD100KMultiHeadSegmentor(BaseSegmentor):
    """A backbone and neck shared by named decode heads, each trained on its own target.

    Args:
        backbone: the backbone config (``BDD100KDLA``).
        decode_heads: ``{name: head config}``; :class:`BDD100KLaneHead` heads form the lane
            prediction, at most one other head predicts a class mask (its target: ``gt_sem_seg``).
        neck: the neck config (``BDD100KDLAUp``).
        train_cfg: unused (mmseg's interface).
        test_cfg: ``mode='whole'`` only; ``lane_threshold`` (0.5) and ``lane_thin`` (True), see
            :func:`~bdd100k_zoo.seg.lane_targets.lane_mask_of`.
        data_preprocessor: mmseg's ``SegDataPreProcessor`` config.
        init_cfg: mmengine initialisation config.

    Raises:
        ValueError: no decode head, several class-mask heads, or a test mode other than whole.
    """

    def __init__(self, backbone: Dict[str, Any], decode_heads: Dict[str, Dict[str, Any]],
                 neck: Optional[Dict[str, Any]] = None, train_cfg: Optional[Dict] = None,
                 test_cfg: Optional[Dict] = None, data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if not decode_heads:
            raise ValueError('BDD100KMultiHeadSegmentor needs at least one decode head')
        self.backbone = MODELS.build(backbone)
        if neck is not None:
            self.neck = MODELS.build(neck)
        self.decode_heads = nn.ModuleDict({name: MODELS.build(head)
                                           for name, head in decode_heads.items()})
        self.lane_heads = [name for name, head in self.decode_heads.items()
                           if isinstance(head, BDD100KLaneHead)]
        others = [name for name in self.decode_heads if name not in self.lane_heads]
        if len(others) > 1:
            raise ValueError(f'at most one class-mask head, got {others}')
        self.mask_head = others[0] if others else None
        self.train_cfg = train_cfg
        self.test_cfg = dict(test_cfg or {})
        if self.test_cfg.get('mode', 'whole') != 'whole':
            raise ValueError('BDD100KMultiHeadSegmentor tests on whole images only')
        # read by mmseg's postprocess_result (the heads upsample with align_corners=False)
        self.align_corners = False

    def extract_feat(self, inputs: Tensor) -> List[Tensor]:
        """The neck's maps (the backbone's without a neck)."""
        feats = self.backbone(inputs)
        return self.neck(feats) if self.with_neck else feats

    def encode_decode(self, inputs: Tensor, batch_img_metas: List[dict]) -> Dict[str, Tensor]:
        """Every head's logits at the (padded) input size, by head name."""
        feats = self.extract_feat(inputs)
        return {name: head.predict(feats, batch_img_metas, self.test_cfg)
                for name, head in self.decode_heads.items()}

    def loss(self, inputs: Tensor, data_samples: List[SegDataSample]) -> Dict[str, Tensor]:
        """The losses of every head, prefixed with its name."""
        feats = self.extract_feat(inputs)
        losses = {}
        for name, head in self.decode_heads.items():
            for key, value in head.loss(feats, data_samples, self.train_cfg).items():
                losses[f'{name}.{key}'] = value
        return losses

    def predict(self, inputs: Tensor, data_samples: Optional[List[SegDataSample]] = None
                ) -> List[SegDataSample]:
        """Predicts each image's lane mask (``pred_lane_map``) and class mask, at its size."""
        if data_samples is None:
            data_samples = [SegDataSample(metainfo=dict(
                ori_shape=inputs.shape[2:], img_shape=inputs.shape[2:],
                pad_shape=inputs.shape[2:], padding_size=[0, 0, 0, 0]))
                for _ in range(inputs.shape[0])]
        metas = [sample.metainfo for sample in data_samples]
        logits = self.encode_decode(inputs, metas)
        if self.mask_head:
            self.postprocess_result(logits[self.mask_head], data_samples)
        if self.lane_heads:
            self.add_lane_masks(logits, data_samples)
        return data_samples

    def add_lane_masks(self, logits: Dict[str, Tensor], data_samples: List[SegDataSample]
                       ) -> None:
        """Sets each sample's ``pred_lane_map`` (1 x H x W) from the lane heads' logits."""
        per_head = {}
        for name in self.lane_heads:
            scratch = [SegDataSample(metainfo=sample.metainfo) for sample in data_samples]
            self.postprocess_result(logits[name], scratch)
            per_head[name] = [sample.seg_logits.data.softmax(0) for sample in scratch]
        for index, sample in enumerate(data_samples):
            probabilities = {self.decode_heads[name].attribute: per_head[name][index]
                             for name in self.lane_heads}
            mask = lane_mask_of(probabilities, self.test_cfg.get('lane_threshold', 0.5),
                                self.test_cfg.get('lane_thin', True))
            sample.set_data({PRED_LANE_FIELD: PixelData(data=mask[None])})

    def _forward(self, inputs: Tensor, data_samples: Optional[List[SegDataSample]] = None
                 ) -> Dict[str, Tensor]:
        """Every head's raw logits (at the neck's scale), by head name."""
        feats = self.extract_feat(inputs)
        return {name: head.forward(feats) for name, head in self.decode_heads.items()}

