"""The DLA-up neck on real DLA backbone outputs."""
import pytest
import torch
import torch.nn.functional as F

from bdd100k_zoo.backbones import DLA, DLAUp
from bdd100k_zoo.backbones.dla_up import BilinearUpsample


@pytest.fixture(scope='module')
def dla34_levels():
    """All six levels of a DLA-34 on a 1x3x96x96 image (strides 1 ... 32)."""
    backbone = DLA('dla34', out_indices=range(6)).eval()
    with torch.no_grad():
        return backbone(torch.randn(1, 3, 96, 96))


def test_default_neck_aggregates_the_backbone_levels_at_stride_4(dla34_levels):
    backbone = DLA('dla34')
    neck = DLAUp(backbone.out_channels).eval()
    assert neck.in_channels == (64, 128, 256, 512) and neck.out_channels == 64
    assert neck.scales == (1, 2, 4, 8)
    with torch.no_grad():
        out = neck(dla34_levels[2:])
    assert out.shape == (1, 64, 24, 24)


def test_one_width_for_every_scale(dla34_levels):
    neck = DLAUp([128, 256, 512], out_channels=32).eval()
    with torch.no_grad():
        assert neck(dla34_levels[3:]).shape == (1, 32, 12, 12)


def test_per_scale_widths_and_all_six_levels(dla34_levels):
    neck = DLAUp([16, 32, 64, 128, 256, 512], out_channels=[8, 16, 24, 32, 48, 64],
                 scales=[2, 4, 8, 16, 32, 64]).eval()
    assert neck.out_channels == 8
    assert [ida.nodes[0][0].out_channels for ida in neck.idas] == [48, 32, 24, 16, 8]
    with torch.no_grad():
        assert neck(dla34_levels).shape == (1, 8, 96, 96)


def test_every_parameter_is_trained(dla34_levels):
    neck = DLAUp([64, 128, 256, 512], out_channels=32).train()
    neck(dla34_levels[2:]).mean().backward()
    assert [name for name, param in neck.named_parameters() if param.grad is None] == []


def test_sync_bn(dla34_levels):
    neck = DLAUp([64, 128, 256, 512], norm_cfg=dict(type='SyncBN')).eval()
    assert any(isinstance(m, torch.nn.SyncBatchNorm) for m in neck.modules())
    with torch.no_grad():
        assert neck(dla34_levels[2:]).shape == (1, 64, 24, 24)


@pytest.mark.parametrize('factor', [2, 4, 8])
def test_upsampling_starts_as_bilinear_interpolation(factor):
    up = BilinearUpsample(3, factor)
    x = torch.randn(1, 3, 8, 8)
    with torch.no_grad():
        out = up(x)
    reference = F.interpolate(x, scale_factor=factor, mode='bilinear', align_corners=False)
    assert out.shape == reference.shape == (1, 3, 8 * factor, 8 * factor)
    inner = slice(factor, -factor)  # the borders differ: zero padding instead of edge replication
    assert torch.allclose(out[..., inner, inner], reference[..., inner, inner], atol=1e-6)


def test_default_init_keeps_the_bilinear_kernels():
    neck = DLAUp([64, 128, 256, 512])
    ups = [m for m in neck.modules() if isinstance(m, BilinearUpsample)]
    kernels = [up.weight.clone() for up in ups]
    neck.init_weights()
    assert ups and all(torch.equal(up.weight, kernel) for up, kernel in zip(ups, kernels))


@pytest.mark.parametrize('kwargs', [
    dict(in_channels=[64]),
    dict(in_channels=[64, 128], out_channels=[64]),
    dict(in_channels=[64, 128], scales=[1, 3]),
    dict(in_channels=[64, 128, 256], scales=[4, 2, 1]),
])
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(ValueError):
        DLAUp(**kwargs)


def test_wrong_number_of_inputs_is_refused(dla34_levels):
    with pytest.raises(ValueError, match='expects 4 inputs, got 3'):
        DLAUp([64, 128, 256, 512])(dla34_levels[3:])
