"""BDD100KQuasiDenseTracker: exactly mmdet's QuasiDenseTracker, frame by frame and inside QDTrack."""
import dataclasses
import os.path as osp

import mmcv
import mmdet
import pytest
import torch
from mmdet.models.trackers import QuasiDenseTracker
from mmdet.registry import MODELS
from mmdet.structures import DetDataSample, TrackDataSample
from mmdet.utils import register_all_modules
from mmengine.config import Config
from mmengine.structures import InstanceData

import bdd100k_zoo.track  # noqa: F401  (registers the tracker)
from bdd100k_zoo.track import tracker as tracker_module
from bdd100k_zoo.track.association import greedy_match
from tracking_replay import DetectionFrame, ReplayTrackHead, replay
from synthetic_videos import synthesize_video
from bdd100k_zoo.track.tracker import BDD100KQuasiDenseTracker

PUBLISHED = dict(init_score_thr=0.7, obj_score_thr=0.3, match_score_thr=0.5, memo_tracklet_frames=10,
                 memo_backdrop_frames=1, memo_momentum=0.8, nms_conf_thr=0.5, nms_backdrop_iou_thr=0.3,
                 nms_class_iou_thr=0.7, with_cats=True, match_metric='bisoftmax')


def assert_same_output(ours: InstanceData, ref: InstanceData, frame: str) -> None:
    """Same fields in the same order, bit for bit."""
    assert list(ours.keys()) == list(ref.keys()), frame
    for field in ref.keys():
        assert torch.equal(ours.get(field), ref.get(field)), f'{frame}: {field}'


def sequential_match(scores: torch.Tensor, is_track: torch.Tensor, can_claim: torch.Tensor,
                     thr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """The per-detection loop that greedy_match vectorises, written plainly."""
    scores = scores.clone()
    cols = torch.full((len(scores), ), -1)
    confs = torch.zeros(len(scores))
    for row in range(len(scores)):
        conf, col = torch.max(scores[row], dim=0)
        if conf > thr and is_track[col]:
            cols[row], confs[row] = col, conf
            if can_claim[row]:
                scores[:, col] = 0
    return cols, confs


def test_defaults_are_the_published_bdd100k_settings():
    tracker = MODELS.build(dict(type='BDD100KQuasiDenseTracker', _scope_='mmdet'))
    assert isinstance(tracker, BDD100KQuasiDenseTracker)
    assert {name: getattr(tracker, name) for name in PUBLISHED} == PUBLISHED


@pytest.mark.parametrize('bad', [dict(memo_momentum=1.5), dict(memo_tracklet_frames=-1),
                                 dict(memo_backdrop_frames=-1), dict(match_score_thr=-0.1),
                                 dict(match_metric='l2')])
def test_invalid_settings_raise(bad):
    with pytest.raises(ValueError):
        BDD100KQuasiDenseTracker(**bad)


@pytest.mark.parametrize('seed', range(40))
def test_greedy_match_equals_the_sequential_loop(seed):
    # few distinct values: many ties and many detections wanting the same column
    gen = torch.Generator().manual_seed(seed)
    num_dets, num_memo = [(1, 1), (30, 3), (60, 20), (100, 120)][seed % 4]
    levels = torch.tensor([-0.3, 0.0, 0.2, 0.5, 0.55, 0.6, 0.8, 0.9, 1.0])
    scores = levels[torch.randint(len(levels), (num_dets, num_memo), generator=gen)]
    is_track = torch.rand(num_memo, generator=gen) < 0.8
    can_claim = torch.rand(num_dets, generator=gen) < 0.7
    thr = 0.5 if seed % 3 else 0.0
    cols, confs = greedy_match(scores, is_track, can_claim, thr)
    expected_cols, expected_confs = sequential_match(scores, is_track, can_claim, thr)
    assert torch.equal(cols, expected_cols)
    assert torch.equal(confs, expected_confs)


def with_empty_frames(frames: list[DetectionFrame], empty: set[int]) -> list[DetectionFrame]:
    """``frames`` with no detections at the frame indices ``empty``."""
    return [dataclasses.replace(frame, bboxes=frame.bboxes[:0], scores=frame.scores[:0],
                                labels=frame.labels[:0], embeds=frame.embeds[:0])
            if index in empty else frame for index, frame in enumerate(frames)]


@pytest.fixture(scope='module')
def two_videos() -> list[DetectionFrame]:
    """170 frames of 40 objects (two without detections), then a new 40-frame video."""
    first = with_empty_frames(synthesize_video(170, 40, seed=3), {60, 61})
    second = synthesize_video(40, 25, seed=4)
    return [dataclasses.replace(frame, scale_factor=(1296 / 1280, 1.0)) for frame in first + second]


def test_synthetic_videos_exercise_every_path(two_videos):
    scores = torch.cat([frame.scores for frame in two_videos])
    labels = torch.cat([frame.labels for frame in two_videos])
    assert len(two_videos) == 210 and [f.frame_id for f in two_videos].count(0) == 2
    assert min(len(frame.scores) for frame in two_videos) == 0
    assert 0.1 < (scores < 0.3).float().mean() < 0.4  # low-score detections: backdrops, drops
    assert len(labels.unique()) == 8


@pytest.fixture
def single_thread():
    """Association ops are tiny: intra-op threads only add synchronisation (slow on a busy machine)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize('changes', [
    dict(), dict(match_metric='softmax'), dict(match_metric='cosine'),
    dict(with_cats=False, memo_backdrop_frames=3, memo_tracklet_frames=4, memo_momentum=0.5)
], ids=['published', 'softmax', 'cosine', 'no-cats-longer-backdrops'])
def test_same_tracks_and_memory_as_mmdet(two_videos, changes, monkeypatch, single_thread):
    settings = dict(PUBLISHED, **changes)
    ref, ours = QuasiDenseTracker(**settings), BDD100KQuasiDenseTracker(**settings)
    embedded, matches = [], []

    def recording_predict(self, feats, rescaled_bboxes):
        embedded.append(rescaled_bboxes[0])
        return feats[0]

    def recording_match(*args):
        matches.append((args, greedy_match(*args)))
        return matches[-1][1]

    monkeypatch.setattr(ReplayTrackHead, 'predict', recording_predict)
    monkeypatch.setattr(tracker_module, 'greedy_match', recording_match)
    outputs, track_counts = [], []
    for index, frame in enumerate(two_videos):
        (ref_out, ), (our_out, ) = replay(ref, [frame]), replay(ours, [frame])
        assert_same_output(our_out, ref_out, f'frame {index}')
        assert torch.equal(embedded[-1], embedded[-2])  # the same (rescaled) boxes to the track head
        assert ours.empty == ref.empty
        if not ref.empty:
            for our_field, ref_field in zip(ours.memo, ref.memo[:4], strict=True):
                assert torch.equal(our_field, ref_field), f'frame {index}: memory'
        outputs.append(our_out)
        track_counts.append(int((ours.memo.ids > -1).sum()))
    assert ours.num_tracks == int(ref.num_tracks)
    second_video = outputs[170].instances_id.tolist()
    assert second_video == list(range(len(second_video)))  # ids restarted at 0
    first_video = track_counts[:170]
    assert any(later < earlier for earlier, later in zip(first_video, first_video[1:]))  # expiry
    # the sequential dependency was hit: some detection lost its best track to an earlier one
    displaced = low_score_drops = 0
    for (scores, is_track, can_claim, thr), (cols, confs) in matches:
        best = scores.max(dim=1)
        displaced += int(((best.values > thr) & is_track[best.indices] & (cols != best.indices)).sum())
        low_score_drops += int((~can_claim & (cols > -1) & (confs > settings['nms_conf_thr'])).sum())
    assert displaced > 0 and low_score_drops > 0


def test_empty_frame_returns_zero_ids_and_keeps_the_memory(two_videos):
    tracker = BDD100KQuasiDenseTracker()
    replay(tracker, two_videos[:5])
    before = tracker.memo
    (empty, ) = replay(tracker, with_empty_frames(two_videos[5:6], {0}))
    assert len(empty) == 0 and empty.instances_id.dtype == torch.long
    assert all(torch.equal(a, b) for a, b in zip(tracker.memo, before))


def test_missing_frame_id_raises(two_videos):
    sample = DetDataSample(metainfo=dict(scale_factor=(1.0, 1.0)))
    sample.pred_instances = two_videos[0].data_sample().pred_instances
    with pytest.raises(ValueError, match='frame_id'):
        BDD100KQuasiDenseTracker().track(None, None, [two_videos[0].embeds], sample)


def small_qdtrack(tracker: dict) -> torch.nn.Module:
    """mmdet's QDTrack with an untrained ResNet-18 Faster R-CNN for 8 classes, few boxes."""
    register_all_modules()
    cfg = Config.fromfile(osp.join(osp.dirname(mmdet.__file__), '.mim', 'configs', 'qdtrack',
                                   'qdtrack_faster-rcnn_r50_fpn_4e_base.py'))
    detector = cfg.model.detector
    detector.init_cfg = None
    detector.backbone.update(depth=18, style='pytorch', init_cfg=None)
    detector.neck.in_channels = [64, 128, 256, 512]
    detector.roi_head.bbox_head.num_classes = 8
    detector.test_cfg.rpn.update(nms_pre=300, max_per_img=100)
    detector.test_cfg.rcnn.max_per_img = 40
    torch.manual_seed(0)
    return MODELS.build(dict(cfg.model, tracker=tracker)).eval()


def test_drop_in_inside_mmdet_qdtrack(data_dir):
    """Real detector and track head in mmdet's QDTrack.predict: a 3-frame video, then a new video."""
    images = [mmcv.imresize(mmcv.imread(osp.join(data_dir, 'kitti', 'tracking_0001', f'00000{i}.png')),
                            (320, 96), return_scale=True) for i in (0, 1, 0)]
    inputs = torch.stack([torch.from_numpy(image).permute(2, 0, 1).float() for image, _, _ in images])
    inputs = ((inputs - 110) / 58)[None]
    metainfos = [dict(frame_id=i, img_shape=(96, 320), ori_shape=(375, 1242), scale_factor=(w, h),
                      batch_input_shape=(96, 320)) for i, (_, w, h) in enumerate(images)]
    # untrained: class scores are about 1/9 and embeddings alike, so thresholds to match
    settings = dict(init_score_thr=0.125, obj_score_thr=0.12, nms_backdrop_iou_thr=0.5,
                    match_metric='cosine', match_score_thr=0.9)
    outputs = []
    for tracker in ('QuasiDenseTracker', 'BDD100KQuasiDenseTracker'):
        model = small_qdtrack(dict(type=tracker, **settings))
        frames = []
        for num_frames in (3, 1):
            video = TrackDataSample(video_data_samples=[DetDataSample(metainfo=metainfo)
                                                        for metainfo in metainfos[:num_frames]])
            with torch.no_grad():
                frames += [frame.pred_track_instances for frame in
                           model.predict(inputs[:, :num_frames], [video])[0]]
        outputs.append(frames)
    ref, ours = outputs
    assert set(ours[0].instances_id.tolist()) & set(ours[1].instances_id.tolist())  # tracks continue
    assert ours[-1].instances_id.tolist() == list(range(len(ours[-1])))  # ids restart at 0
    for index, (ref_frame, our_frame) in enumerate(zip(ref, ours)):
        assert_same_output(our_frame, ref_frame, f'frame {index}')
