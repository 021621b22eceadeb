"""The published mmdet 2.x tracking checkpoints load strictly into our R-50 models.

No checkpoint can be downloaded here: the key lists of ``tests/data/track/*.keys.txt`` are derived
from the upstream module definitions (see tests/data/PROVENANCE.md). A state dict with exactly those
keys and shapes, each tensor filled with its line number, is loaded into our model: nothing is
missing or unexpected, and each of our tensors holds the line of the old key written by hand below.
"""
import os.path as osp
from collections import OrderedDict
from typing import Dict, List, Tuple

import pytest
import torch
from mmdet.registry import MODELS
from mmengine.config import Config, ConfigDict
from mmengine.registry import DefaultScope
from mmengine.runner import load_checkpoint, load_state_dict

import bdd100k_zoo.track  # noqa: F401  (registers the models)
from bdd100k_zoo.hub import install_safe_loading
from bdd100k_zoo.runtime.weights import compare_weights
from bdd100k_zoo.track.checkpoints import UNUSED_KEYS, convert_mmdet2_keys
from bdd100k_zoo.zoo.building import without_init

KEYS = 'tests/data/track/{}.keys.txt'
MOT_CONFIG = 'mot/configs/mot/qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py'
QDTRACK_2021 = 'qdtrack-frcnn_r50_fpn_12e_bdd100k.mmdet2-2021'
QDTRACK_2022 = 'qdtrack-frcnn_r50_fpn_12e_bdd100k.mmdet2-2022'
PCAN = 'pcan-frcnn_r50_fpn_12e_mots_bdd100k.mmdet2'
PCAN_CONFIG = 'mots/configs/mots/pcan-frcnn_r50_fpn_12e_mots_bdd100k.py'
STAGE1_CONFIG = 'mots/configs/mots/qdtrack-mrcnn_r50_fpn_12e_mots_bdd100k.py'

#: Old key -> our key, written from the module definitions (mmdet 2.10 / SysCV names vs mmdet 3.3).
QDTRACK_2021_PAIRS = {
    'backbone.conv1.weight': 'detector.backbone.conv1.weight',
    'backbone.layer4.2.bn3.num_batches_tracked':
        'detector.backbone.layer4.2.bn3.num_batches_tracked',
    'neck.lateral_convs.3.conv.weight': 'detector.neck.lateral_convs.3.conv.weight',
    'rpn_head.rpn_reg.bias': 'detector.rpn_head.rpn_reg.bias',
    'roi_head.bbox_head.shared_fcs.0.weight': 'detector.roi_head.bbox_head.shared_fcs.0.weight',
    'roi_head.track_head.convs.3.gn.bias': 'track_head.embed_head.convs.3.gn.bias',
    'roi_head.track_head.fc_embed.weight': 'track_head.embed_head.fc_embed.weight',
}
QDTRACK_2022_PAIRS = {
    'detector.backbone.conv1.weight': 'detector.backbone.conv1.weight',
    'detector.roi_head.bbox_head.fc_cls.bias': 'detector.roi_head.bbox_head.fc_cls.bias',
    'track_head.track_head.fcs.0.weight': 'track_head.embed_head.fcs.0.weight',
}
PCAN_PAIRS = {
    **QDTRACK_2021_PAIRS,
    'mu0': 'frame_memory.mu0',
    'mu1': 'frame_memory.mu1',
    'roi_head.mask_head.conv_logits.weight': 'detector.roi_head.mask_head.conv_logits.weight',
    'roi_head.mask_head.upsample.bias': 'detector.roi_head.mask_head.upsample.bias',
    'roi_head.refine_head.pos_mu': 'refine_head.pos_mu',
    'roi_head.refine_head.neg_mu': 'refine_head.neg_mu',
    'roi_head.refine_head.conv1.conv.weight': 'refine_head.conv1.conv.weight',
    'roi_head.refine_head.conv_logits.bias': 'refine_head.conv_logits.bias',
}


def build(repo_root: str, config: str) -> torch.nn.Module:
    """The model of a config, without initialisation (no downloads)."""
    with DefaultScope.overwrite_default_scope('mmdet'):
        model = without_init(Config.fromfile(osp.join(repo_root, config)).model.to_dict())
        return MODELS.build(ConfigDict(model))


def read_keys(repo_root: str, name: str) -> List[Tuple[str, Tuple[int, ...]]]:
    """The ``<key> <shape>`` lines of a key list."""
    keys = []
    with open(osp.join(repo_root, KEYS.format(name))) as file:
        for line in file:
            key, shape = line.split()
            keys.append((key, tuple(int(size) for size in shape.strip('[]').split(',') if size)))
    return keys


def numbered_state_dict(
        keys: List[Tuple[str, Tuple[int, ...]]]) -> 'OrderedDict[str, torch.Tensor]':
    """One tensor per key, of its shape, filled with the key's line number (1-based).

    The tensors are one value expanded to the shape (loading copies them like any tensor), so the
    state dict of a R-50 model costs no memory and saves to a file of a few kilobytes.
    """
    return OrderedDict(
        (key, torch.tensor(line, dtype=torch.long if key.endswith('num_batches_tracked')
                           else torch.float32).expand(shape))
        for line, (key, shape) in enumerate(keys, start=1))


def mmdet2_checkpoint(state: Dict[str, torch.Tensor]) -> dict:
    """A checkpoint as mmdet 2.x / mmcv 1.x saved it."""
    classes = ('pedestrian', 'rider', 'car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle')
    meta = dict(mmdet_version='2.10.0', CLASSES=classes, epoch=12, iter=0)
    return dict(meta=meta, state_dict=state)


def line_of(tensor: torch.Tensor) -> int:
    """The line number a numbered tensor was filled with (it must hold one value)."""
    low, high = int(tensor.min()), int(tensor.max())
    assert low == high, (low, high)
    return low


def zeroed(model: torch.nn.Module) -> torch.nn.Module:
    """``model`` with every weight set to 0 (no line number), so that a load must fill it."""
    for value in model.state_dict().values():
        value.zero_()
    return model


def check_loaded(model, keys, pairs) -> None:
    """Every tensor of ``model`` holds exactly one old key's line, the hand-written pairs match."""
    lines = {key: line for line, (key, _) in enumerate(keys, start=1)}
    state = model.state_dict()
    loaded = [line_of(value) for value in state.values()]
    expected = sorted(line for key, line in lines.items() if key not in UNUSED_KEYS)
    assert sorted(loaded) == expected  # a bijection between old keys and ours
    for old, new in pairs.items():
        assert line_of(state[new]) == lines[old], (old, new)


@pytest.fixture(scope='module')
def mot_model(repo_root):
    return build(repo_root, MOT_CONFIG)


@pytest.mark.parametrize('layout, pairs', [(QDTRACK_2021, QDTRACK_2021_PAIRS),
                                           (QDTRACK_2022, QDTRACK_2022_PAIRS)])
def test_the_published_qdtrack_layouts_load_strictly(repo_root, mot_model, layout, pairs):
    keys = read_keys(repo_root, layout)
    checkpoint = mmdet2_checkpoint(numbered_state_dict(keys))
    report = compare_weights(mot_model, checkpoint)  # the path of our weights check hook
    assert report.exact, report.describe()
    zeroed(mot_model).load_state_dict(checkpoint['state_dict'], strict=True)  # torch (infer)
    check_loaded(mot_model, keys, pairs)
    load_state_dict(zeroed(mot_model), checkpoint['state_dict'], strict=True)  # mmengine
    check_loaded(mot_model, keys, pairs)


def test_the_checkpoint_file_loads_through_mmengine(repo_root, mot_model, tmp_path):
    """The ``load_from`` / ``tools/test.py`` path: a saved mmdet 2.x file, the safe loader."""
    keys = read_keys(repo_root, QDTRACK_2021)
    path = tmp_path / 'qdtrack-frcnn_r50_fpn_12e_bdd100k.pth'
    torch.save(mmdet2_checkpoint(numbered_state_dict(keys)), path)
    install_safe_loading()
    load_checkpoint(zeroed(mot_model), str(path), strict=True)
    check_loaded(mot_model, keys, QDTRACK_2021_PAIRS)


def test_our_own_state_dict_loads_unchanged(mot_model):
    state = OrderedDict((key, value + 1) for key, value in mot_model.state_dict().items())
    mot_model.load_state_dict(state, strict=True)
    assert all(torch.equal(mot_model.state_dict()[key], value) for key, value in state.items())


def test_an_unknown_old_key_is_reported_unexpected(repo_root, mot_model):
    state = numbered_state_dict(read_keys(repo_root, QDTRACK_2021))
    state['roi_head.mask_iou_head.fc.weight'] = torch.zeros(1)
    report = compare_weights(mot_model, state)
    assert report.fits and report.unexpected == ('roi_head.mask_iou_head.fc.weight',)
    with pytest.raises(RuntimeError, match='roi_head.mask_iou_head.fc.weight'):
        mot_model.load_state_dict(state, strict=True)


def test_pcan_keys_are_unexpected_in_the_qdtrack_model(repo_root, mot_model):
    report = compare_weights(mot_model, numbered_state_dict(read_keys(repo_root, PCAN)))
    assert report.fits
    assert {'frame_memory.mu0', 'detector.roi_head.mask_head.upsample.weight',
            'refine_head.pos_mu'} <= set(report.unexpected)


def test_the_published_pcan_layout_loads_strictly(repo_root):
    model = build(repo_root, PCAN_CONFIG)
    keys = read_keys(repo_root, PCAN)
    checkpoint = mmdet2_checkpoint(numbered_state_dict(keys))
    report = compare_weights(model, checkpoint)
    assert report.exact, report.describe()
    load_state_dict(model, checkpoint['state_dict'], strict=True)
    check_loaded(model, keys, PCAN_PAIRS)


def test_the_first_stage_starts_from_the_published_mot_checkpoint(repo_root):
    """Only the mask head, which the first stage adds, is missing (its ``load_from``)."""
    model = build(repo_root, STAGE1_CONFIG)
    report = compare_weights(model, numbered_state_dict(read_keys(repo_root, QDTRACK_2021)))
    assert report.unexpected == () and report.mismatched == ()
    assert report.missing and all(key.startswith('detector.roi_head.mask_head.')
                                  for key in report.missing)


def test_only_keys_under_the_models_prefix_are_renamed():
    """A model inside another module (its prefix) renames its own keys only, in their order."""
    state = OrderedDict([('other.backbone.conv1.weight', 1), ('model.mu3', 2),
                         ('model.backbone.conv1.weight', 3), ('model.mu1', 4),
                         ('model.roi_head.refine_head.pos_mu', 5), ('model.mu10', 6)])
    renames = convert_mmdet2_keys(state, 'model.')
    assert list(state.items()) == [
        ('other.backbone.conv1.weight', 1), ('model.detector.backbone.conv1.weight', 3),
        ('model.frame_memory.mu1', 4), ('model.refine_head.pos_mu', 5), ('model.mu10', 6)]
    assert renames == {'model.backbone.conv1.weight': 'model.detector.backbone.conv1.weight',
                       'model.mu1': 'model.frame_memory.mu1',
                       'model.roi_head.refine_head.pos_mu': 'model.refine_head.pos_mu'}
