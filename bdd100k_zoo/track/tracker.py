"""Quasi-dense association tracker for BDD100K: mmdet's ``QuasiDenseTracker``, vectorised.

It gives the same track ids, boxes, scores and labels as mmdet 3.3's ``QuasiDenseTracker`` (frame by
frame, across videos) with the memory held as stacked tensors instead of per-track dicts, and every
per-detection loop replaced by tensor ops (see :mod:`bdd100k_zoo.track.association`).
``BDD100KPCANTracker`` associates the same way and also keeps each track's mask features (PCAN).

Behaviour kept from mmdet for parity:

* Detections are sorted with ``scores.sort(descending=True)`` (not a stable sort: ties keep
  whatever order torch gives, the same in both trackers).
* Duplicate removal is class-agnostic and a detection is also removed by a higher-scored one that was
  itself removed.
* The match scores are computed over the whole memory (all classes, tracks and backdrops) before
  ``with_cats`` zeroes the other classes, so a softmax metric depends on other-class memory entries.
* A low-score detection matching a track with a score above ``nms_conf_thr`` is dropped: it is
  neither output, nor a new track, nor a backdrop.
* Matching is skipped while there is no track (backdrops alone cannot change an id).
* A frame without detections leaves the memory untouched: its backdrops are those of the last frame
  with detections, and tracks age by frame id difference only.

Differences, none of which changes an id on valid input:

* A data sample without ``frame_id`` raises ``ValueError`` (mmdet falls back to -1 for every
  frame, so its memory never expires).
* The velocity, score and age of tracks are not stored: mmdet keeps them but never reads them (its
  velocity becomes inf/NaN when a frame id repeats).
* ``num_tracks`` stays an ``int``; ``instances_id`` is on the device of the boxes (mmdet: CPU).
* Predicted ``masks`` (a detector with a mask head) are kept for the tracked detections (mmdet
  drops them).
* The unused ``BaseTracker`` arguments ``momentums`` and ``num_frames_retain`` are not accepted;
  ``match_score_thr`` must be >= 0.
"""
from typing import NamedTuple, Optional

import torch
from mmdet.registry import MODELS
from mmdet.structures import TrackDataSample
from mmdet.structures.bbox import bbox_overlaps
from mmengine.structures import InstanceData
from torch import Tensor

from .association import MATCH_METRICS, duplicate_mask, greedy_match, match_scores, overlaps_earlier


class TrackerMemo(NamedTuple):
    """The tracker memory in matching order: tracks by ascending id, then backdrops newest first.

    Attributes:
        bboxes: (M, 4) last box of each entry.
        labels: (M,) label.
        embeds: (M, D) embedding (momentum-averaged for tracks).
        ids: (M,) track id, -1 for backdrops.
    """
    bboxes: Tensor
    labels: Tensor
    embeds: Tensor
    ids: Tensor


class _Tracks(NamedTuple):
    """Live tracks, one row each, rows by ascending id; ``extras``: tensors a subclass keeps per track
    (the last matched detection's, see :meth:`BDD100KQuasiDenseTracker._extras`)."""
    ids: Tensor
    bboxes: Tensor
    labels: Tensor
    embeds: Tensor
    last_frames: Tensor
    extras: tuple[Tensor, ...] = ()

    def select(self, rows: Tensor) -> '_Tracks':
        """The tracks at ``rows`` (index or mask)."""
        return _Tracks(*(field[rows] for field in self[:-1]), tuple(extra[rows] for extra in self.extras))

    def append(self, other: '_Tracks') -> '_Tracks':
        """These tracks followed by ``other``."""
        return _Tracks(*(torch.cat(pair) for pair in zip(self[:-1], other[:-1])),
                       tuple(torch.cat(pair) for pair in zip(self.extras, other.extras, strict=True)))


class Association(NamedTuple):
    """One frame's kept detections (duplicates removed), by descending score, and their ids.

    Attributes:
        inds: (N,) row of each kept detection in the frame's ``pred_instances``.
        ids: (N,) track id (new tracks included), -1 unmatched, -2 dropped low-score detection.
        track_rows: (N,) row of the track a detection takes over in the pre-update memory, else -1.
        new: (N,) bool, the detections that start a track.
        backdrop: (N,) bool, the detections kept as backdrops.
        bboxes: (N, 4) boxes.
        labels: (N,) labels.
        scores: (N,) scores.
        embeds: (N, D) embeddings.
    """
    inds: Tensor
    ids: Tensor
    track_rows: Tensor
    new: Tensor
    backdrop: Tensor
    bboxes: Tensor
    labels: Tensor
    scores: Tensor
    embeds: Tensor


@MODELS.register_module()
class BDD100KQuasiDenseTracker:
    """Quasi-dense tracker with the settings of the published BDD100K QDTrack model.

    A drop-in for mmdet's ``QuasiDenseTracker`` in ``QDTrack`` (same arguments, ``reset()`` and
    ``track()``); see the module docstring for the behaviour it shares and where it differs.

    Args:
        init_score_thr: Score above which an unmatched detection starts a track.
        obj_score_thr: Score above which a detection can take a track over; below it, it is a
            candidate backdrop.
        match_score_thr: Match score above which a detection matches a memory entry (>= 0).
        memo_tracklet_frames: A track not matched for this many frames is forgotten.
        memo_backdrop_frames: Number of frames whose backdrops are kept.
        memo_momentum: Weight of the new embedding when a track's embedding is updated.
        nms_conf_thr: Match score above which a low-score detection matching a track is dropped.
        nms_backdrop_iou_thr: IoU above which a low-score detection is a duplicate of a higher-scored
            one, and a backdrop is not kept.
        nms_class_iou_thr: IoU above which another detection is a duplicate (across classes).
        with_cats: Match only detections and memory entries of the same label.
        match_metric: ``'bisoftmax'``, ``'softmax'`` or ``'cosine'``.
    """

    def __init__(self,
                 init_score_thr: float = 0.7,
                 obj_score_thr: float = 0.3,
                 match_score_thr: float = 0.5,
                 memo_tracklet_frames: int = 10,
                 memo_backdrop_frames: int = 1,
                 memo_momentum: float = 0.8,
                 nms_conf_thr: float = 0.5,
                 nms_backdrop_iou_thr: float = 0.3,
                 nms_class_iou_thr: float = 0.7,
                 with_cats: bool = True,
                 match_metric: str = 'bisoftmax') -> None:
        if not 0 <= memo_momentum <= 1:
            raise ValueError(f'memo_momentum must be in [0, 1], got {memo_momentum}')
        if memo_tracklet_frames < 0 or memo_backdrop_frames < 0:
            raise ValueError('memo_tracklet_frames and memo_backdrop_frames must be >= 0, got '
                             f'{memo_tracklet_frames} and {memo_backdrop_frames}')
        if match_score_thr < 0:
            raise ValueError(f'match_score_thr must be >= 0, got {match_score_thr}')
        if match_metric not in MATCH_METRICS:
            raise ValueError(f'match_metric must be one of {MATCH_METRICS}, got {match_metric!r}')
        self.init_score_thr = init_score_thr
        self.obj_score_thr = obj_score_thr
        self.match_score_thr = match_score_thr
        self.memo_tracklet_frames = memo_tracklet_frames
        self.memo_backdrop_frames = memo_backdrop_frames
        self.memo_momentum = memo_momentum
        self.nms_conf_thr = nms_conf_thr
        self.nms_backdrop_iou_thr = nms_backdrop_iou_thr
        self.nms_class_iou_thr = nms_class_iou_thr
        self.with_cats = with_cats
        self.match_metric = match_metric
        self.reset()

    def reset(self) -> None:
        """Forget all tracks and backdrops and restart ids at 0 (QDTrack calls it at frame 0)."""
        self.num_tracks = 0
        self._tracks: Optional[_Tracks] = None
        self._backdrops: list[TrackerMemo] = []

    @property
    def empty(self) -> bool:
        """Whether no track is alive (backdrops do not count)."""
        return self._tracks is None or len(self._tracks.ids) == 0

    @property
    def memo(self) -> TrackerMemo:
        """The memory: live tracks by ascending id, then backdrops newest first.

        Raises:
            RuntimeError: if nothing has been tracked since the last reset.
        """
        if self._tracks is None:
            raise RuntimeError('the tracker memory is empty: nothing tracked since the last reset')
        tracks = self._tracks
        parts = [TrackerMemo(tracks.bboxes, tracks.labels, tracks.embeds, tracks.ids), *self._backdrops]
        return TrackerMemo(*(torch.cat(field) for field in zip(*parts)))

    def track(self,
              model: torch.nn.Module,
              img: Tensor,
              feats: list[Tensor],
              data_sample: TrackDataSample,
              rescale: bool = True,
              **kwargs) -> InstanceData:
        """Associate the detections of one frame with the memory, then update the memory.

        Args:
            model: The MOT model; only ``model.track_head.predict(feats, [bboxes])`` is called, to
                embed the detections.
            img: The frame (unused, kept for the tracker interface).
            feats: Multi-level feature maps of the frame.
            data_sample: The frame's sample with ``pred_instances`` (bboxes, scores, labels) and
                ``frame_id`` and ``scale_factor`` in its metainfo.
            rescale: Whether the boxes are in original image scale and must be scaled to the input
                scale before embedding.
            **kwargs: Ignored (``QDTrack.predict`` passes its keyword arguments on).

        Returns:
            The tracked detections: ``bboxes``, ``labels``, ``scores`` and ``instances_id`` (and
            ``masks`` when the detector predicts them), by descending score. Without detections,
            a copy of ``pred_instances`` with zero ids.

        Raises:
            ValueError: if the metainfo has no ``frame_id``.
        """
        metainfo = data_sample.metainfo
        if 'frame_id' not in metainfo:
            raise ValueError('data sample has no frame_id in its metainfo; the tracker ages its memory '
                             'by frame id')
        frame_id = metainfo['frame_id']
        pred = data_sample.pred_instances
        if len(pred.bboxes) == 0:
            empty = pred.clone()
            empty.instances_id = torch.zeros_like(pred.labels)
            return empty
        found = self._associate(model, feats, pred, metainfo, rescale)
        result = self._result(pred, found)
        self._update(found, self._extras(pred, found.inds), frame_id)
        return result

    def _associate(self, model: torch.nn.Module, feats: list[Tensor], pred: InstanceData,
                   metainfo: dict, rescale: bool) -> Association:
        """Embed the detections, remove duplicates, match them with the memory and number new tracks."""
        rescaled = pred.bboxes
        if rescale:
            rescaled = rescaled * rescaled.new_tensor(metainfo['scale_factor']).repeat((1, 2))
        all_embeds = model.track_head.predict(feats, [rescaled])

        _, order = pred.scores.sort(descending=True)
        sorted_bboxes = pred.bboxes[order]
        sorted_scores = pred.scores[order]
        ious = bbox_overlaps(sorted_bboxes, sorted_bboxes)
        keep = ~duplicate_mask(ious, sorted_scores < self.obj_score_thr, self.nms_backdrop_iou_thr,
                               self.nms_class_iou_thr)
        inds = order[keep]
        bboxes, scores, labels = pred.bboxes[inds], pred.scores[inds], pred.labels[inds]
        embeds = all_embeds[inds]

        ids, track_rows = self._match(embeds, labels, scores)
        new = (ids == -1) & (scores > self.init_score_thr)
        num_new = int(new.sum())
        ids[new] = torch.arange(self.num_tracks, self.num_tracks + num_new, device=ids.device)
        self.num_tracks += num_new
        backdrop = (ids == -1) & ~overlaps_earlier(ious[keep][:, keep] > self.nms_backdrop_iou_thr)
        return Association(inds, ids, track_rows, new, backdrop, bboxes, labels, scores, embeds)

    def _result(self, pred: InstanceData, found: Association) -> InstanceData:
        """The tracked detections (ids > -1), read before the memory is updated."""
        tracked = found.ids > -1
        result = InstanceData()
        result.bboxes = found.bboxes[tracked]
        result.labels = found.labels[tracked]
        result.scores = found.scores[tracked]
        result.instances_id = found.ids[tracked]
        if 'masks' in pred:
            result.masks = pred.masks[found.inds[tracked]]
        return result

    def _extras(self, pred: InstanceData, inds: Tensor) -> tuple[Tensor, ...]:
        """Per-detection tensors of the kept detections ``inds`` that tracks keep (here: none)."""
        return ()

    def _update(self, found: Association, extras: tuple[Tensor, ...], frame_id: int) -> None:
        """Keep this frame's backdrops, then update the tracks."""
        backdrop = found.backdrop
        self._backdrops = [TrackerMemo(found.bboxes[backdrop], found.labels[backdrop],
                                       found.embeds[backdrop], found.ids[backdrop])] + self._backdrops
        del self._backdrops[self.memo_backdrop_frames:]
        self._update_tracks(found, extras, frame_id)

    def _match(self, embeds: Tensor, labels: Tensor, scores: Tensor) -> tuple[Tensor, Tensor]:
        """Ids of the detections from the memory.

        Returns:
            (N,) ids: the matched track's id, -2 for a dropped low-score detection, -1 otherwise; and
            (N,) the row of the track a detection takes over (its memory column), else -1.
        """
        ids = labels.new_full(labels.shape, -1, dtype=torch.long)
        if self.empty:
            return ids, ids.clone()
        memo = self.memo
        similarity = match_scores(embeds, memo.embeds, self.match_metric)
        if self.with_cats:
            similarity *= (labels[:, None] == memo.labels[None, :]).float()
        high = scores > self.obj_score_thr
        cols, confs = greedy_match(similarity, memo.ids > -1, high, self.match_score_thr)
        takes_over = high & (cols > -1)
        ids[takes_over] = memo.ids[cols[takes_over]]
        ids[~high & (cols > -1) & (confs > self.nms_conf_thr)] = -2
        return ids, torch.where(takes_over, cols, -1)

    def _update_tracks(self, found: Association, extras: tuple[Tensor, ...], frame_id: int) -> None:
        """Update the tracks taken over, add the new ones, forget those unmatched for too long."""
        ids, new = found.ids, found.new
        born = _Tracks(ids[new], found.bboxes[new], found.labels[new], found.embeds[new],
                       torch.full_like(ids[new], frame_id), tuple(extra[new] for extra in extras))
        if self._tracks is None:
            tracks = born
        else:
            tracks = self._tracks
            matched = found.track_rows > -1
            rows = found.track_rows[matched]
            tracks.bboxes[rows] = found.bboxes[matched]
            tracks.labels[rows] = found.labels[matched]
            tracks.embeds[rows] = ((1 - self.memo_momentum) * tracks.embeds[rows] +
                                   self.memo_momentum * found.embeds[matched])
            tracks.last_frames[rows] = frame_id
            for kept, extra in zip(tracks.extras, extras, strict=True):
                kept[rows] = extra[matched]
            tracks = tracks.append(born)
        self._tracks = tracks.select(frame_id - tracks.last_frames < self.memo_tracklet_frames)


@MODELS.register_module()
class BDD100KPCANTracker(BDD100KQuasiDenseTracker):
    """The quasi-dense tracker that also keeps each track's mask RoI features and mask logits (PCAN).

    Association and ids are exactly :class:`BDD100KQuasiDenseTracker`'s (same arguments). The frame's
    ``pred_instances`` must also hold ``mask_feats`` (N, C, h, w) and ``mask_logits`` (N, K, H, W)
    (the mask head's input and output); each track keeps those of its last matched detection (not
    the refined logits, as upstream's ``QuasiDenseSegFeatEmbedTracker``; backdrops keep none).

    :meth:`track` returns every kept detection, for the refine head, with its id (-1 unmatched, -2
    dropped low-score detection, else the track id) and its reference: the taken-over track's
    ``mask_feats``/``mask_logits`` before this frame's update, or the detection's own.
    """

    def track(self, model: torch.nn.Module, img: Tensor, feats: list[Tensor],
              data_sample: TrackDataSample, rescale: bool = True, **kwargs) -> InstanceData:
        """Associate the frame's detections, read their references, then update the memory.

        Args:
            model: The MOT model (``model.track_head.predict`` embeds the detections).
            img: The frame (unused).
            feats: Multi-level feature maps of the frame.
            data_sample: The frame's sample with ``pred_instances`` (bboxes, scores, labels,
                mask_feats, mask_logits), ``frame_id`` and ``scale_factor`` in its metainfo.
            rescale: Whether the boxes are in original image scale.
            **kwargs: Ignored.

        Returns:
            The kept detections by descending score: ``bboxes``, ``labels``, ``scores``,
            ``instances_id``, ``mask_feats``, ``mask_logits``, ``ref_feats`` and ``ref_logits``.
            Without detections, a copy of ``pred_instances`` with zero ids and the two ``ref_``
            fields.

        Raises:
            ValueError: if the metainfo has no ``frame_id`` or the detections no ``mask_feats`` or
                ``mask_logits``.
        """
        pred = data_sample.pred_instances
        missing = {'mask_feats', 'mask_logits'} - set(pred.keys())
        if missing:
            raise ValueError(f'BDD100KPCANTracker: pred_instances has no {sorted(missing)}; the PCAN '
                             'model puts the mask RoI features and logits of each detection there')
        result = super().track(model, img, feats, data_sample, rescale, **kwargs)
        if len(pred.bboxes) == 0:
            result.ref_feats, result.ref_logits = result.mask_feats, result.mask_logits
        return result

    def _result(self, pred: InstanceData, found: Association) -> InstanceData:
        """All kept detections with their ids and references (from the pre-update memory)."""
        result = InstanceData(bboxes=found.bboxes, labels=found.labels, scores=found.scores,
                              instances_id=found.ids)
        result.mask_feats, result.mask_logits = self._extras(pred, found.inds)
        result.ref_feats, result.ref_logits = (own.clone() for own in
                                               (result.mask_feats, result.mask_logits))
        matched = found.track_rows > -1
        if matched.any():
            rows = found.track_rows[matched]
            result.ref_feats[matched] = self._tracks.extras[0][rows]
            result.ref_logits[matched] = self._tracks.extras[1][rows]
        return result

    def _extras(self, pred: InstanceData, inds: Tensor) -> tuple[Tensor, ...]:
        """The mask RoI features and mask logits of the kept detections."""
        return pred.mask_feats[inds], pred.mask_logits[inds]
