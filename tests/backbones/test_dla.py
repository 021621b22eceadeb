"""The DLA backbone against timm's independent DLA, which keeps the original checkpoint names."""
import pytest
import timm
import torch
from mmengine.model import BaseModule
from mmengine.runner import load_checkpoint
from torch import nn
from torch.nn.modules.batchnorm import _BatchNorm

from bdd100k_zoo.backbones import ARCH_SETTINGS, LEVEL_STRIDES, DLA

#: The variants of the original DLA repository, each with its channels at strides 1 ... 32.
EXPECTED_CHANNELS = {
    'dla34': (16, 32, 64, 128, 256, 512),
    'dla46_c': (16, 32, 64, 64, 128, 256),
    'dla46x_c': (16, 32, 64, 64, 128, 256),
    'dla60x_c': (16, 32, 64, 64, 128, 256),
    'dla60': (16, 32, 128, 256, 512, 1024),
    'dla60x': (16, 32, 128, 256, 512, 1024),
    'dla102': (16, 32, 128, 256, 512, 1024),
    'dla102x': (16, 32, 128, 256, 512, 1024),
    'dla102x2': (16, 32, 128, 256, 512, 1024),
    'dla169': (16, 32, 128, 256, 512, 1024),
}

#: Keys of the original dla34 ImageNet checkpoint that timm drops: projections of the depth-2 trees,
#: which the original code computes and never uses.
ORIGINAL_DLA34_UNUSED_KEYS = [f'level{i}.project.{suffix}' for i in (3, 4) for suffix in (
    '0.weight', '1.weight', '1.bias', '1.running_mean', '1.running_var')]


def timm_dla(arch: str, num_classes: int = 10) -> nn.Module:
    """timm's model in eval mode, with random weights AND random batch-norm statistics."""
    model = timm.create_model(arch, pretrained=False, num_classes=num_classes).eval()
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                ranges = ((module.weight, 0.5, 1.5), (module.bias, -0.2, 0.2),
                          (module.running_mean, -0.2, 0.2), (module.running_var, 0.5, 1.5))
                for tensor, low, high in ranges:
                    tensor.copy_(torch.rand(tensor.shape, generator=generator) * (high - low) + low)
    return model


def timm_levels(model: nn.Module, x: torch.Tensor) -> list:
    """The outputs of timm's base_layer + level0 ... level5."""
    x = model.base_layer(x)
    levels = []
    for i in range(6):
        x = getattr(model, f'level{i}')(x)
        levels.append(x)
    return levels


def test_every_variant_is_available():
    assert {arch: setting.channels for arch, setting in ARCH_SETTINGS.items()} == EXPECTED_CHANNELS


@pytest.mark.parametrize('arch', sorted(EXPECTED_CHANNELS))
def test_timm_weights_load_strictly_and_give_the_same_logits_and_levels(arch):
    peer = timm_dla(arch)
    state = peer.state_dict()
    classifier = DLA(arch, num_classes=10).eval()
    classifier.load_state_dict(state, strict=True)
    backbone = DLA(arch, out_indices=range(6)).eval()
    backbone.load_state_dict({k: v for k, v in state.items() if not k.startswith('fc.')},
                             strict=True)
    shapes = {key: value.shape for key, value in state.items()}
    assert {key: value.shape for key, value in classifier.state_dict().items()} == shapes

    x = torch.randn(2, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        (logits,), peer_logits = classifier(x), peer(x)
        levels, peer_levels = backbone(x), timm_levels(peer, x)
    assert logits.shape == peer_logits.shape == (2, 10)
    assert peer_logits.abs().max() > 1e-2  # the comparison is not between zeros
    assert (logits - peer_logits).abs().max() <= 1e-5
    assert len(levels) == 6
    for i, (level, peer_level) in enumerate(zip(levels, peer_levels)):
        assert level.shape == (2, EXPECTED_CHANNELS[arch][i], 64 // 2 ** i, 64 // 2 ** i)
        assert (level - peer_level).abs().max() <= 1e-5


def test_default_out_indices_are_the_four_neck_levels():
    model = DLA('dla34').eval()
    assert model.out_indices == (2, 3, 4, 5)
    assert model.out_channels == (64, 128, 256, 512)
    assert model.out_strides == (4, 8, 16, 32)
    with torch.no_grad():
        outs = model(torch.randn(1, 3, 96, 96))
    assert [tuple(out.shape) for out in outs] == [(1, c, 96 // s, 96 // s) for c, s in zip(
        model.out_channels, model.out_strides)]


def test_out_indices_select_levels_in_order():
    model = DLA('dla60', out_indices=(4, 1)).eval()
    assert model.out_channels == (32, 512) and model.out_strides == (2, 16)
    with torch.no_grad():
        outs = model(torch.randn(1, 3, 64, 64))
    assert [tuple(out.shape) for out in outs] == [(1, 32, 32, 32), (1, 512, 4, 4)]
    assert LEVEL_STRIDES == (1, 2, 4, 8, 16, 32)


@pytest.mark.parametrize('kwargs', [
    dict(arch='dla35'), dict(out_indices=(6,)), dict(out_indices=()), dict(frozen_stages=6),
    dict(norm_cfg=dict(type='GN', num_groups=8))])
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises((KeyError, ValueError)):
        DLA(**kwargs)


def test_every_parameter_is_trained():
    for model in (DLA('dla46x_c', num_classes=3), DLA('dla169', out_indices=range(6))):
        outputs = model(torch.randn(2, 3, 64, 64))
        loss = sum(out.mean() for out in outputs)
        loss.backward()
        assert [name for name, param in model.named_parameters() if param.grad is None] == []


def test_frozen_stages_stop_gradients_and_statistics():
    model = DLA('dla34', frozen_stages=2)
    model.train()
    frozen = ['base_layer', 'level0', 'level1', 'level2']
    for name, module in model.named_children():
        is_frozen = name in frozen
        assert all(param.requires_grad is not is_frozen for param in module.parameters()), name
        norms = [m for m in module.modules() if isinstance(m, _BatchNorm)]
        assert all(bn.training is not is_frozen for bn in norms), name
    before = {k: v.clone() for k, v in model.state_dict().items()}
    model(torch.randn(2, 3, 64, 64))
    after = model.state_dict()
    changed = {key.split('.')[0] for key in before
               if 'running_mean' in key and not torch.equal(before[key], after[key])}
    assert changed == {'level3', 'level4', 'level5'}


def test_no_frozen_stages_by_default():
    model = DLA('dla34').train()
    assert all(param.requires_grad for param in model.parameters())
    assert all(bn.training for bn in model.modules() if isinstance(bn, _BatchNorm))


def test_norm_eval_keeps_every_batch_norm_in_eval_mode():
    model = DLA('dla46_c', norm_eval=True).train()
    assert model.training and model.level2.tree1.conv1.training
    assert all(not bn.training for bn in model.modules() if isinstance(bn, _BatchNorm))
    assert all(param.requires_grad for param in model.parameters())
    before = {k: v.clone() for k, v in model.state_dict().items()}
    model(torch.randn(2, 3, 64, 64))
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_classification_mode_returns_logits():
    model = DLA('dla34', num_classes=7).eval()
    assert isinstance(model.fc, nn.Conv2d) and model.fc.kernel_size == (1, 1)
    assert model.fc.bias is not None
    with torch.no_grad():
        (logits,) = model(torch.randn(3, 3, 96, 96))
        assert logits.shape == (3, 7)
    assert not hasattr(DLA('dla34'), 'fc')


def test_sync_bn_builds_and_matches_bn():
    bn_model = DLA('dla34', num_classes=5).eval()
    sync_model = DLA('dla34', num_classes=5, norm_cfg=dict(type='SyncBN')).eval()
    norms = [m for m in sync_model.modules() if isinstance(m, _BatchNorm)]
    assert norms and all(isinstance(m, nn.SyncBatchNorm) for m in norms)
    sync_model.load_state_dict(bn_model.state_dict(), strict=True)
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        assert torch.equal(sync_model(x)[0], bn_model(x)[0])


def test_norm_cfg_options_reach_the_layers():
    model = DLA('dla34', norm_cfg=dict(type='BN', eps=1e-3, requires_grad=False))
    norms = [m for m in model.modules() if isinstance(m, _BatchNorm)]
    assert all(m.eps == 1e-3 for m in norms)
    assert not any(m.weight.requires_grad or m.bias.requires_grad for m in norms)
    assert model.level2.tree1.conv1.weight.requires_grad


def test_mmengine_load_checkpoint_of_a_timm_state_dict(tmp_path):
    peer = timm_dla('dla34', num_classes=1000)
    path = tmp_path / 'dla34_timm.pth'
    torch.save(peer.state_dict(), path)
    model = DLA('dla34', num_classes=1000).eval()
    # strict: raises on any missing or unexpected key
    load_checkpoint(model, str(path), map_location='cpu', strict=True)
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        assert (model(x)[0] - peer(x)).abs().max() <= 1e-5


@pytest.mark.parametrize('num_classes', [1000, 0])
def test_pretrained_init_cfg_loads_the_checkpoint(tmp_path, num_classes):
    """Into the classifier, and into the backbone of a detector or segmentor (without ``fc``)."""
    state = timm_dla('dla34', num_classes=1000).state_dict()
    path = tmp_path / 'dla34.pth'
    torch.save(state, path)
    model = DLA('dla34', num_classes=num_classes,
                init_cfg=dict(type='Pretrained', checkpoint=str(path)))
    model.init_weights()
    loaded = model.state_dict()
    assert set(state) - set(loaded) == (set() if num_classes else {'fc.weight', 'fc.bias'})
    assert all(torch.equal(value, state[key]) for key, value in loaded.items())


def test_original_checkpoint_layout_loads_strictly(tmp_path):
    """The original checkpoints also hold unused projections and predate ``num_batches_tracked``."""
    state = timm_dla('dla34', num_classes=1000).state_dict()
    assert not set(ORIGINAL_DLA34_UNUSED_KEYS) & set(state)
    original = {k: v for k, v in state.items() if not k.endswith('num_batches_tracked')}
    original.update({key: torch.ones(1) for key in ORIGINAL_DLA34_UNUSED_KEYS})
    path = tmp_path / 'dla34-ba72cf86.pth'
    torch.save(original, path)
    model = DLA('dla34', num_classes=1000)
    load_checkpoint(model, str(path), map_location='cpu', strict=True)
    loaded = model.state_dict()
    assert all(torch.equal(loaded[key], value) for key, value in original.items()
               if key not in ORIGINAL_DLA34_UNUSED_KEYS)


def test_default_init_is_the_original_he_normal_fan_out():
    model = DLA('dla34')
    assert isinstance(model, BaseModule)
    model.init_weights()
    weight = model.level5.tree1.conv1.weight  # 512 x 256 x 3 x 3
    assert abs(weight.std().item() - (2 / (512 * 9)) ** 0.5) < 1e-3
    assert all(torch.all(m.weight == 1) and torch.all(m.bias == 0)
               for m in model.modules() if isinstance(m, _BatchNorm))
