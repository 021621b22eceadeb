"""PCAN for BDD100K MOTS: QDTrack with a mask head, a frame-level prototype memory and a refine head.

Prototypical Cross-Attention Networks (Ke et al., NeurIPS 2021; SysCV/pcan, model
``EMQuasiDenseMaskRCNNRefine``) on mmdet 3.x. The detector stays a stock two-stage detector with an FCN
mask head and the track head mmdet's quasi-dense one; the PCAN parts sit on the MOT model:

* ``frame_memory`` (:class:`~bdd100k_zoo.track.prototypes.BDD100KPrototypeMemory`): at test time the
  FPN features of every frame are blended with prototypes of the video's memory before the RPN, the
  RoI heads, the track head and the tracker read them (upstream: test only; training uses the plain
  features).
* ``refine_head`` (:class:`~bdd100k_zoo.track.refine_head.BDD100KPCANRefineHead`): refines every kept
  detection's mask with its reference: the features and mask logits its track kept
  (:class:`~bdd100k_zoo.track.tracker.BDD100KPCANTracker`), or its own for a detection without a
  track. The tracked detections' masks are the refined ones, pasted as the mask head pastes; the
  others only move the head's prototypes (their refined logits, unused, are not computed).

Training (the published stage 2): everything but the refine head is frozen (``freeze``) and runs
without gradient; the only loss is ``loss_refine``. Key and reference proposals (RPN with
``train_cfg.rpn_proposal`` and with the test settings, as upstream) are assigned and sampled as the
RoI head's; each positive key RoI is refined with the positive reference RoI of the same instance
with the most similar track embedding (cosine above the head's ``match_score_thr``); if no key RoI
of the batch has one, all positive key RoIs are refined with themselves (detached), as upstream.
The gradient-free RPN, box and track losses upstream also reports are not computed.
"""
from typing import Dict, Optional, Sequence

import torch
from mmdet.registry import MODELS
from mmdet.structures import TrackSampleList
from mmdet.structures.bbox import bbox2roi, scale_boxes
from mmdet.utils import OptConfigType, OptMultiConfig
from mmengine.structures import InstanceData
from torch import Tensor

from .qdtrack import BDD100KQDTrack, key_and_ref_frames

#: The tracker used when none is configured (the published BDD100K settings).
DEFAULT_PCAN_TRACKER = dict(type='BDD100KPCANTracker')
#: The frame memory used when none is configured (the published settings, 256 channels).
DEFAULT_FRAME_MEMORY = dict(type='BDD100KPrototypeMemory')


def class_channel(logits: Tensor, labels: Tensor) -> Tensor:
    """(R, 1, H, W): each RoI's channel ``labels[r]`` of (R, K, H, W) per-class logits."""
    return logits[torch.arange(len(labels), device=logits.device), labels][:, None]


@MODELS.register_module()
class BDD100KPCAN(BDD100KQDTrack):
    """PCAN (see the module docstring): QDTrack + mask head, prototype memory, refine head.

    Args:
        detector: a two-stage detector config with a mask head.
        track_head: the quasi-dense track head config.
        refine_head: the :class:`~bdd100k_zoo.track.refine_head.BDD100KPCANRefineHead` config.
        frame_memory: the :class:`~bdd100k_zoo.track.prototypes.BDD100KPrototypeMemory` config;
            ``None`` means the published one.
        tracker: the tracker config; ``None`` means :class:`~bdd100k_zoo.track.tracker.
            BDD100KPCANTracker` with the published settings. It must keep mask features.
        freeze: dotted names of the frozen submodules (the published stage 2: all but the refine head).
        data_preprocessor: a ``TrackDataPreprocessor`` config.
        init_cfg: initialisation config.

    Raises:
        ValueError: the detector has no mask head.
    """

    def __init__(self,
                 detector: dict,
                 track_head: dict,
                 refine_head: dict,
                 frame_memory: Optional[dict] = None,
                 tracker: Optional[dict] = None,
                 freeze: Sequence[str] = ('detector', 'track_head'),
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(detector=detector, track_head=track_head,
                         tracker=DEFAULT_PCAN_TRACKER if tracker is None else tracker, freeze=freeze,
                         data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if not self.detector.roi_head.with_mask:
            raise ValueError('BDD100KPCAN: the detector has no mask head; PCAN refines its masks')
        self.refine_head = MODELS.build(refine_head)
        self.frame_memory = MODELS.build(DEFAULT_FRAME_MEMORY if frame_memory is None else frame_memory)

    def _sample(self, proposals: Sequence[InstanceData], samples: list) -> list:
        """The RoI head's assignment and sampling of ``proposals`` against the frames' ground truth."""
        roi_head = self.detector.roi_head
        results = []
        for proposal, sample in zip(proposals, samples):
            priors = InstanceData(priors=proposal.bboxes)
            assigned = roi_head.bbox_assigner.assign(priors, sample.gt_instances,
                                                     sample.get('ignored_instances', None))
            results.append(roi_head.bbox_sampler.sample(assigned, priors, sample.gt_instances))
        return results

    def _positive_rois(self, feats: tuple[Tensor, ...], sampled: list) -> tuple[dict, list[Tensor]]:
        """Mask head outputs (``mask_preds``, ``mask_feats``) of the positive RoIs, and their
        embeddings per image."""
        boxes = [result.pos_priors for result in sampled]
        masks = self.detector.roi_head._mask_forward(feats, bbox2roi(boxes))
        embeds = self.track_head.predict(feats, boxes).split([len(b) for b in boxes])
        return masks, list(embeds)

    def loss(self, inputs: Tensor, data_samples: TrackSampleList, **kwargs) -> Dict[str, Tensor]:
        """The refine head's loss on the key frames' positive RoIs.

        Args:
            inputs: (N, 2, C, H, W) images, one key and one reference frame per sample.
            data_samples: one ``TrackDataSample`` per sample (ground truth with ``masks`` and
                ``instances_ids``), with ``key_frames_inds`` and ``ref_frames_inds``.

        Returns:
            ``dict(loss_refine=...)``.

        Raises:
            ValueError: ``inputs`` is not (N, 2, C, H, W).
        """
        key_images, ref_images, key_samples, ref_samples = key_and_ref_frames(
            inputs, data_samples, 'PCAN')
        with torch.no_grad():
            feats = self.detector.extract_feat(key_images)
            ref_feats = self.detector.extract_feat(ref_images)
            *pairs, targets = self._training_pairs(feats, ref_feats, key_samples, ref_samples)
        if len(targets) == 0:  # no positive RoI in the batch: a zero loss that reaches the head
            return dict(loss_refine=sum(p.sum() for p in self.refine_head.parameters()) * 0)
        return self.refine_head.loss(self.refine_head(*pairs), targets)

    def _training_pairs(self, feats: tuple[Tensor, ...], ref_feats: tuple[Tensor, ...],
                        key_samples: list, ref_samples: list) -> tuple[Tensor, ...]:
        """The refine head's training inputs: positive key RoIs paired with reference RoIs.

        Returns:
            Reference features and logits, key features and logits (the channel of the key's ground
            truth class), and the key RoIs' (R, 28, 28) mask targets.
        """
        detector, roi_head = self.detector, self.detector.roi_head
        proposal_cfg = detector.train_cfg.get('rpn_proposal', detector.test_cfg.rpn)
        proposals = detector.rpn_head.predict_by_feat(
            *detector.rpn_head(feats), batch_img_metas=[s.metainfo for s in key_samples],
            cfg=proposal_cfg, rescale=False)
        ref_proposals = detector.rpn_head.predict(ref_feats, ref_samples)
        key_sampled = self._sample(proposals, key_samples)
        ref_sampled = self._sample(ref_proposals, ref_samples)
        key_masks, key_embeds = self._positive_rois(feats, key_sampled)
        ref_masks, ref_embeds = self._positive_rois(ref_feats, ref_sampled)
        targets = roi_head.mask_head.get_targets(
            key_sampled, [s.gt_instances for s in key_samples], roi_head.train_cfg)
        labels = torch.cat([result.pos_gt_labels for result in key_sampled])
        valids, ref_rows = self.refine_head.match(
            key_embeds, ref_embeds,
            [s.gt_instances.instances_ids[r.pos_assigned_gt_inds]
             for s, r in zip(key_samples, key_sampled)],
            [s.gt_instances.instances_ids[r.pos_assigned_gt_inds]
             for s, r in zip(ref_samples, ref_sampled)])
        key_feats = key_masks['mask_feats']
        key_logits = class_channel(key_masks['mask_preds'], labels)
        valid = torch.cat(valids)
        if not valid.any():  # no key RoI has a reference: refine each with itself (upstream's)
            return key_feats, key_logits, key_feats, key_logits, targets
        ref_index, offset = [], 0
        for rows, embeds in zip(ref_rows, ref_embeds):  # rows among the batch's reference RoIs
            ref_index.append(rows + offset)
            offset += len(embeds)
        ref_index = torch.cat(ref_index)
        return (ref_masks['mask_feats'][ref_index],
                class_channel(ref_masks['mask_preds'][ref_index], labels[valid]),
                key_feats[valid], key_logits[valid], targets[valid])

    def predict(self, inputs: Tensor, data_samples: TrackSampleList, rescale: bool = True,
                **kwargs) -> TrackSampleList:
        """Track and segment the frames of one video chunk.

        Args:
            inputs: (1, T, C, H, W) frames.
            data_samples: one ``TrackDataSample`` of T frames (``frame_id`` 0 starts a video: the
                tracker and the frame memory are reset).
            rescale: return boxes and masks at the original image size.
            **kwargs: passed to the tracker.

        Returns:
            ``data_samples``, each frame with ``pred_instances`` (the detections the tracker kept:
            ``bboxes``, ``labels``, ``scores``, ``instances_id``, -1 or -2 when untracked) and
            ``pred_track_instances`` (the tracked ones with ``masks`` (N, H, W) bool, refined).

        Raises:
            ValueError: not one video of (1, T, C, H, W) frames.
        """
        if inputs.dim() != 5 or inputs.size(0) != 1 or len(data_samples) != 1:
            raise ValueError(f'PCAN tracks one video at a time: inputs must be (1, T, C, H, W) with '
                             f'one data sample, got {tuple(inputs.shape)} and {len(data_samples)}')
        roi_head = self.detector.roi_head
        for frame, sample in enumerate(data_samples[0]):
            img = inputs[:, frame].contiguous()
            feats = self.detector.extract_feat(img)
            if sample.frame_id == 0:
                self.tracker.reset()
                self.frame_memory.reset(feats)
            feats = self.frame_memory(feats)
            proposals = self.detector.rpn_head.predict(feats, [sample])
            (dets, ) = roi_head.predict_bbox(feats, [sample.metainfo], proposals, roi_head.test_cfg,
                                             rescale=False)
            masks = roi_head._mask_forward(feats, bbox2roi([dets.bboxes]))
            scale = [1 / s for s in sample.scale_factor] if rescale else (1., 1.)
            sample.pred_instances = InstanceData(
                bboxes=scale_boxes(dets.bboxes, scale), scores=dets.scores, labels=dets.labels,
                mask_feats=masks['mask_feats'], mask_logits=masks['mask_preds'])
            kept = self.tracker.track(model=self, img=img, feats=feats, data_sample=sample,
                                      rescale=rescale, **kwargs)
            sample.pred_track_instances = self._refined_tracks(kept, sample.metainfo, rescale)
            # the kept detections without their (large) mask features
            sample.pred_instances = InstanceData(bboxes=kept.bboxes, labels=kept.labels,
                                                 scores=kept.scores, instances_id=kept.instances_id)
        return data_samples

    def _refined_tracks(self, kept: InstanceData, metainfo: dict, rescale: bool) -> InstanceData:
        """The tracked detections of ``kept`` with their refined masks pasted into the image.

        Every kept detection goes through the refine head's prototypes (as upstream, which refines
        them all: each moves the head's prototype buffers); only the tracked ones' logits are made.
        """
        tracked = kept.instances_id > -1
        result = InstanceData(bboxes=kept.bboxes[tracked], labels=kept.labels[tracked],
                              scores=kept.scores[tracked], instances_id=kept.instances_id[tracked])
        if len(kept):
            refined = self.refine_head(kept.ref_feats, class_channel(kept.ref_logits, kept.labels),
                                       kept.mask_feats, class_channel(kept.mask_logits, kept.labels),
                                       select=tracked)
        if not tracked.any():  # the mask head cannot paste zero masks
            height, width = metainfo['ori_shape'] if rescale else metainfo['img_shape']
            result.masks = torch.zeros(0, height, width, dtype=torch.bool, device=kept.bboxes.device)
            return result
        boxes = result.bboxes
        if rescale:  # the mask head pastes input-scale boxes, scaling them to the original size
            boxes = scale_boxes(boxes, metainfo['scale_factor'])
        result.masks = self.detector.roi_head.mask_head._predict_by_feat_single(
            refined, boxes.clone(), torch.zeros_like(result.labels), metainfo,
            self.detector.roi_head.test_cfg, rescale=rescale)
        return result
