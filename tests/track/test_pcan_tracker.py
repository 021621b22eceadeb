"""BDD100KPCANTracker: the quasi-dense tracker's ids, plus each track's mask features as reference."""
import dataclasses

import pytest
import torch
from mmdet.registry import MODELS

import bdd100k_zoo.track  # noqa: F401  (registers the trackers)
from bdd100k_zoo.track.tracker import BDD100KPCANTracker, BDD100KQuasiDenseTracker
from synthetic_videos import synthesize_video
from tracking_replay import DetectionFrame, ReplayModel, replay


@pytest.fixture(scope='module')
def two_videos() -> list[DetectionFrame]:
    """A 60-frame video with two frames without detections, then a new 20-frame video."""
    first = synthesize_video(60, 20, seed=5)
    first[30] = dataclasses.replace(first[30], bboxes=first[30].bboxes[:0],
                                    scores=first[30].scores[:0], labels=first[30].labels[:0],
                                    embeds=first[30].embeds[:0])
    return first + synthesize_video(20, 12, seed=6)


def replay_with_masks(tracker: BDD100KPCANTracker, frames: list[DetectionFrame]) -> list:
    """Replay ``frames``; every detection's mask features and logits hold a code unique to it."""
    model, results, code = ReplayModel(), [], 0
    for frame in frames:
        if frame.frame_id == 0:
            tracker.reset()
        sample = frame.data_sample()
        codes = torch.arange(code, code + len(frame.scores), dtype=torch.float)
        code += len(frame.scores)
        pred = sample.pred_instances
        pred.mask_feats = codes[:, None, None, None].expand(-1, 2, 3, 3).clone()
        pred.mask_logits = -codes[:, None, None, None].expand(-1, 8, 4, 4).clone()
        results.append(tracker.track(model=model, img=None, feats=[frame.embeds], data_sample=sample))
    return results


def test_same_tracks_as_the_quasi_dense_tracker(two_videos):
    plain = replay(BDD100KQuasiDenseTracker(), two_videos)
    with_masks = replay_with_masks(BDD100KPCANTracker(), two_videos)
    assert sum(len(frame) for frame in plain) > 100
    for index, (ref, ours) in enumerate(zip(plain, with_masks)):
        tracked = ours.instances_id > -1
        for field in ('bboxes', 'labels', 'scores', 'instances_id'):
            assert torch.equal(ours.get(field)[tracked], ref.get(field)), f'frame {index}: {field}'


def test_references_are_the_tracks_last_matched_detection(two_videos):
    results = replay_with_masks(BDD100KPCANTracker(), two_videos)
    last_code: dict[int, float] = {}
    taken_over = own = 0
    for frame, result in zip(two_videos, results):
        if frame.frame_id == 0:
            last_code = {}
        codes = result.mask_feats[:, 0, 0, 0].tolist()
        assert torch.equal(result.mask_logits[:, 0, 0, 0], -result.mask_feats[:, 0, 0, 0])
        for track_id, code, ref_feat, ref_logit in zip(result.instances_id.tolist(), codes,
                                                      result.ref_feats, result.ref_logits):
            # ids are never reused in a video: a known id is a track taken over
            expected = last_code.get(track_id, code)
            taken_over += track_id in last_code
            own += track_id not in last_code
            assert torch.equal(ref_feat, torch.full_like(ref_feat, expected))
            assert torch.equal(ref_logit, torch.full_like(ref_logit, -expected))
        last_code.update({i: c for i, c in zip(result.instances_id.tolist(), codes) if i > -1})
    assert taken_over > 100 and own > 100
    assert (torch.cat([r.instances_id for r in results]) < 0).any()  # kept untracked detections


def test_extras_follow_the_track_rows(two_videos):
    tracker = BDD100KPCANTracker(memo_tracklet_frames=3)
    replay_with_masks(tracker, two_videos[:45])
    tracks = tracker._tracks
    assert len(tracks.extras) == 2
    assert len(tracks.extras[0]) == len(tracks.extras[1]) == len(tracks.ids) > 0


def test_frame_without_detections(two_videos):
    results = replay_with_masks(BDD100KPCANTracker(), two_videos[:31])
    assert len(results[30]) == 0 and results[30].ref_feats.shape == (0, 2, 3, 3)


def test_detections_without_mask_features_raise(two_videos):
    tracker = MODELS.build(dict(type='BDD100KPCANTracker', _scope_='mmdet'))
    with pytest.raises(ValueError, match='mask_feats'):
        replay(tracker, two_videos[:1])
