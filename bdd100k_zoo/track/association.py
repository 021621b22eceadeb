"""Vectorised association steps of quasi-dense tracking.

Each function reproduces one sequential loop of mmdet 3.3's ``QuasiDenseTracker`` with tensor ops and
gives exactly the same result; the loop semantics are spelled out in the docstrings.
"""
import torch
import torch.nn.functional as F
from torch import Tensor

MATCH_METRICS = ('bisoftmax', 'softmax', 'cosine')


def overlaps_earlier(over: Tensor) -> Tensor:
    """Which rows of a square relation hold for some earlier column.

    Args:
        over: (N, N) bool, ``over[i, j]``: detection ``i`` overlaps detection ``j`` too much.

    Returns:
        (N,) bool: ``over[i, :i].any()`` for every ``i`` (always False for the first row).
    """
    return over.tril(diagonal=-1).any(dim=1)


def duplicate_mask(ious: Tensor, low_score: Tensor, low_iou_thr: float, high_iou_thr: float) -> Tensor:
    """Duplicates among score-sorted detections.

    Detection ``i`` is a duplicate when its IoU with ANY higher-scored detection (duplicates
    included) exceeds ``low_iou_thr`` if ``low_score[i]``, else ``high_iou_thr``.

    Args:
        ious: (N, N) pairwise IoUs of the detections, sorted by descending score.
        low_score: (N,) bool, detections below the object score threshold.
        low_iou_thr: IoU threshold of low-score detections (the backdrop threshold).
        high_iou_thr: IoU threshold of the others (the cross-class threshold).

    Returns:
        (N,) bool, True for duplicates.
    """
    over = torch.where(low_score[:, None], ious > low_iou_thr, ious > high_iou_thr)
    return overlaps_earlier(over)


def match_scores(embeds: Tensor, memo_embeds: Tensor, metric: str) -> Tensor:
    """Similarity of detection embeddings to memory embeddings.

    Args:
        embeds: (N, D) detection embeddings.
        memo_embeds: (M, D) memory embeddings.
        metric: ``'bisoftmax'`` (mean of the softmax over memory and over detections),
            ``'softmax'`` (softmax over memory) or ``'cosine'``.

    Returns:
        (N, M) scores.
    """
    if metric == 'cosine':
        return torch.mm(F.normalize(embeds, p=2, dim=1), F.normalize(memo_embeds, p=2, dim=1).t())
    logits = torch.mm(embeds, memo_embeds.t())
    if metric == 'softmax':
        return logits.softmax(dim=1)
    if metric == 'bisoftmax':
        return (logits.softmax(dim=1) + logits.softmax(dim=0)) / 2
    raise ValueError(f'match metric must be one of {MATCH_METRICS}, got {metric!r}')


def greedy_match(scores: Tensor, is_track: Tensor, can_claim: Tensor,
                 thr: float) -> tuple[Tensor, Tensor]:
    """Greedy matching of detections to memory in detection order.

    Sequential semantics (mmdet's per-detection loop): detection ``i`` takes the first maximum of its
    row of ``scores`` in which the columns claimed by earlier detections read 0. It matches when that
    maximum exceeds ``thr`` and lies in a track column; a matching detection with ``can_claim[i]``
    claims the column.

    This runs the loop in passes: one pass resolves all detections up to the first one whose best
    column was claimed earlier in the same pass, which is then recomputed by the next pass. With
    ``thr >= 0`` nothing else depends on the claims: zeroing columns other than a row's first
    maximum never lifts that maximum above ``thr``, nor moves it when it is above ``thr``.

    Args:
        scores: (N, M) match scores, rows in detection order.
        is_track: (M,) bool, the claimable columns (tracks; the others are backdrops).
        can_claim: (N,) bool, detections that claim the track they match.
        thr: match threshold, ``>= 0``.

    Returns:
        (N,) long matched column, -1 when unmatched, and (N,) its score (0 when unmatched).
    """
    num_dets = scores.size(0)
    cols = scores.new_full((num_dets, ), -1, dtype=torch.long)
    confs = scores.new_zeros(num_dets)
    claimed = torch.zeros_like(is_track)
    start = 0
    while start < num_dets:
        conf, col = scores[start:].masked_fill(claimed, 0).max(dim=1)
        matched = (conf > thr) & is_track[col]
        claims = matched & can_claim[start:]
        same_col = (col[:, None] == col[None, :]) & claims[None, :]
        stale = (matched & overlaps_earlier(same_col)).nonzero()
        stop = int(stale[0]) if len(stale) else len(col)
        matched = matched[:stop]
        cols[start:start + stop] = torch.where(matched, col[:stop], -1)
        confs[start:start + stop] = torch.where(matched, conf[:stop], 0)
        claimed[col[:stop][claims[:stop]]] = True
        start += stop
    return cols, confs
