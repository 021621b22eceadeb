"""BDD100KPCAN on the CPU sample config: only the refine head trains, the memory and the tracker
reset at each video, and with the memory off it tracks exactly as its first stage."""
import os.path as osp

import pytest
import torch
from mmdet.registry import MODELS
from mmdet.structures import DetDataSample, TrackDataSample
from mmengine.config import Config, ConfigDict

from bdd100k_zoo.track.pcan import BDD100KPCAN
from bdd100k_zoo.track.qdtrack import BDD100KQDTrack
from bdd100k_zoo.track.tracker import BDD100KPCANTracker
from bdd100k_zoo.zoo.building import without_init

from .frame_pairs import build_model, training_batch

PCAN_CONFIG = 'mots/configs/mots/pcan-mrcnn_r18_fpn_mots_bdd100k_sample.py'
FIRST_STAGE_CONFIG = 'mots/configs/mots/qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py'
#: untrained scores are about 1/9: let every detection start a track
EAGER = dict(init_score_thr=0.0, obj_score_thr=0.0)


def build(repo_root: str, config: str = PCAN_CONFIG, **changes) -> torch.nn.Module:
    return build_model(repo_root, config, **changes)


def frozen_state(model) -> dict:
    return {name: value.clone() for name, value in model.state_dict().items()
            if not name.startswith('refine_head.')}


def test_only_the_refine_head_trains(repo_root):
    model = build(repo_root)
    assert isinstance(model, BDD100KPCAN) and isinstance(model.tracker, BDD100KPCANTracker)
    model.train()
    assert not model.detector.training and not model.track_head.training
    assert model.refine_head.training
    trainable = {name for name, param in model.named_parameters() if param.requires_grad}
    assert trainable and all(name.startswith('refine_head.') for name in trainable)
    before, head_before = frozen_state(model), model.refine_head.conv1.conv.weight.clone()
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
    losses = model.loss(**training_batch(model, masks=True))
    assert set(losses) == {'loss_refine'} and torch.isfinite(losses['loss_refine'])
    losses['loss_refine'].backward()
    optimizer.step()
    after = frozen_state(model)
    assert any('running_mean' in name for name in after)  # BN buffers of the backbone included
    for name, value in before.items():
        assert torch.equal(after[name], value), name
    assert not torch.equal(model.refine_head.conv1.conv.weight, head_before)


def test_training_takes_one_key_and_one_reference_frame(repo_root):
    model = build(repo_root)
    batch = training_batch(model, masks=True)
    with pytest.raises(ValueError, match=r'\(N, 2, C, H, W\)'):
        model.loss(batch['inputs'][:, :1], batch['data_samples'])


def predict_frames(model, frame_ids, seed: int = 2) -> list[DetDataSample]:
    """Each frame predicted alone (as the test loop feeds them), the same random image; at most 30
    detections per frame (an untrained detector keeps 100)."""
    model.detector.roi_head.test_cfg.max_per_img = 30
    torch.manual_seed(seed)
    image = torch.randint(0, 255, (1, 3, 128, 160), dtype=torch.uint8)
    frames = []
    for frame_id in frame_ids:
        track = TrackDataSample()
        track.video_data_samples = [DetDataSample(metainfo=dict(
            frame_id=frame_id, img_shape=(128, 160), ori_shape=(128, 160), scale_factor=(1.0, 1.0)))]
        batch = model.data_preprocessor(dict(inputs=[image], data_samples=[track]), False)
        with torch.no_grad():
            (result, ) = model.predict(**batch)
        frames.append(result[0])
    return frames


def test_predict_resets_the_memory_and_the_tracker_at_each_video(repo_root):
    model = build(repo_root, tracker=dict(type='BDD100KPCANTracker', **EAGER)).eval()
    resets = []
    reset = model.frame_memory.reset
    model.frame_memory.reset = lambda feats: resets.append(feats[0].clone()) or reset(feats)
    frames = predict_frames(model, (0, 1, 0))
    assert len(resets) == 2
    ids = [frame.pred_track_instances.instances_id.tolist() for frame in frames]
    assert ids[0] == list(range(len(ids[0]))) and ids[0]
    assert ids[2] == ids[0]  # ids restart
    # the same image: a new video starts from the same memory as the first one
    assert torch.equal(resets[0], resets[1])
    for ours, first in zip(frames[2].pred_track_instances.values(),
                           frames[0].pred_track_instances.values()):
        assert torch.equal(ours, first)
    pred = frames[1].pred_track_instances
    assert pred.masks.shape == (len(pred), 128, 160) and pred.masks.dtype == torch.bool
    kept = frames[1].pred_instances
    assert set(kept.keys()) == {'bboxes', 'labels', 'scores', 'instances_id'}  # no mask features
    assert torch.equal(kept.instances_id[kept.instances_id > -1], pred.instances_id)


def test_without_memory_the_ids_are_the_first_stage_ones(repo_root):
    tracker = dict(type='BDD100KPCANTracker', **EAGER)
    pcan = build(repo_root, tracker=tracker,
                 frame_memory=dict(type='BDD100KPrototypeMemory', channels=64, levels=())).eval()
    first_stage = build(repo_root, FIRST_STAGE_CONFIG,
                        tracker=dict(type='BDD100KQuasiDenseTracker', **EAGER)).eval()
    assert isinstance(first_stage, BDD100KQDTrack) and not isinstance(first_stage, BDD100KPCAN)
    missing, unexpected = first_stage.load_state_dict(pcan.state_dict(), strict=False)
    assert not missing and all(key.startswith('refine_head.') for key in unexpected)
    ours, theirs = predict_frames(pcan, (0, 1, 2)), predict_frames(first_stage, (0, 1, 2))
    for index, (mine, ref) in enumerate(zip(ours, theirs)):
        mine, ref = mine.pred_track_instances, ref.pred_track_instances
        assert len(ref) > 0
        assert torch.equal(mine.instances_id, ref.instances_id), index
        assert torch.allclose(mine.bboxes, ref.bboxes) and torch.equal(mine.labels, ref.labels)


def test_the_refine_head_makes_the_masks_not_the_ids(repo_root):
    model = build(repo_root, tracker=dict(type='BDD100KPCANTracker', **EAGER)).eval()
    before = predict_frames(model, (0, 1))
    with torch.no_grad():
        model.refine_head.conv_logits.bias.fill_(-100.)  # every refined pixel background
    after = predict_frames(model, (0, 1))
    for old, new in zip(before, after):
        old, new = old.pred_track_instances, new.pred_track_instances
        assert torch.equal(old.instances_id, new.instances_id)
        assert not new.masks.any()
    assert any(frame.pred_track_instances.masks.any() for frame in before)


def test_a_detector_without_mask_head_is_refused(repo_root):
    cfg = Config.fromfile(osp.join(repo_root, PCAN_CONFIG)).model
    del cfg.detector.roi_head.mask_head, cfg.detector.roi_head.mask_roi_extractor
    with pytest.raises(ValueError, match='mask head'):
        MODELS.build(ConfigDict(without_init(cfg.to_dict())))


def test_every_kept_detection_is_refined_even_without_tracks(repo_root):
    model = build(repo_root).eval()  # published thresholds: untrained scores start no track
    pos_mu = model.refine_head.pos_mu.clone()
    (frame, ) = predict_frames(model, (0, ))
    pred = frame.pred_track_instances
    assert len(pred) == 0 and pred.masks.shape == (0, 128, 160)
    assert len(frame.pred_instances) > 0  # kept detections, refined: the prototypes moved
    assert not torch.equal(model.refine_head.pos_mu, pos_mu)
