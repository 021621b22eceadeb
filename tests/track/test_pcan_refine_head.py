"""PCAN's refine head: shapes, the foreground/background attention, the prototype momentum, the
training match and the loss, checked by hand."""
import math

import pytest
import torch
from mmdet.registry import MODELS

import bdd100k_zoo.track  # noqa: F401  (registers the head)
from bdd100k_zoo.track.prototypes import em_prototypes
from bdd100k_zoo.track.refine_head import BDD100KPCANRefineHead

CHANNELS = 8


def head(**changes) -> BDD100KPCANRefineHead:
    torch.manual_seed(0)
    return MODELS.build(dict(type='BDD100KPCANRefineHead', in_channels=CHANNELS,
                             conv_out_channels=CHANNELS, **changes))


def rois(num: int, seed: int) -> tuple[torch.Tensor, ...]:
    """Reference and key RoIs: (R, C, 14, 14) features and (R, 1, 28, 28) logits."""
    gen = torch.Generator().manual_seed(seed)
    return (torch.randn(num, CHANNELS, 14, 14, generator=gen),
            torch.randn(num, 1, 28, 28, generator=gen) * 3,
            torch.randn(num, CHANNELS, 14, 14, generator=gen),
            torch.randn(num, 1, 28, 28, generator=gen) * 3)


def test_published_layers_and_output_shape():
    refine = head()
    assert refine.conv1.conv.in_channels == CHANNELS + 3  # features, fg map, bg map, key logits
    assert not refine.conv1.with_activation and refine.conv2.conv.kernel_size == (1, 1)
    assert len(refine.convs) == 3 and refine.upsample.stride == (2, 2)
    assert refine.pos_mu.shape == refine.neg_mu.shape == (1, CHANNELS, 10)
    assert head(with_ref_mask=True).conv1.conv.in_channels == CHANNELS + 4
    with torch.no_grad():
        assert refine(*rois(3, 0)).shape == (3, 1, 28, 28)


def test_foreground_and_background_maps_sum_to_one_per_pixel():
    refine = head()
    seen = []
    refine.conv1.register_forward_hook(lambda module, args, out: seen.append(args[0]))
    ref_feats, ref_logits, key_feats, key_logits = rois(2, 1)
    with torch.no_grad():
        refine(ref_feats, ref_logits, key_feats, key_logits)
    (inputs, ) = seen
    assert torch.equal(inputs[:, :CHANNELS], key_feats)
    assert torch.allclose(inputs[:, CHANNELS] + inputs[:, CHANNELS + 1], torch.ones(2, 14, 14))
    # the key logits, resized bilinearly to the feature size
    assert torch.allclose(inputs[:, -1:], torch.nn.functional.interpolate(
        key_logits, size=(14, 14), mode='bilinear'))


def test_prototype_buffers_follow_the_key_prototypes_with_momentum_095():
    refine = head()
    pos_mu, neg_mu = refine.pos_mu.clone(), refine.neg_mu.clone()
    ref_feats, ref_logits, key_feats, key_logits = rois(3, 2)
    small = dict(size=(14, 14), mode='bilinear')
    ref_fg = (torch.nn.functional.interpolate(ref_logits, **small) >= 0).float().flatten(1)
    key_fg = (torch.nn.functional.interpolate(key_logits, **small) >= 0).float().flatten(1)
    ref_x, key_x = ref_feats.flatten(2), key_feats.flatten(2)
    pos = em_prototypes(key_x, em_prototypes(ref_x, pos_mu, 6, 20., ref_fg), 6, 20., key_fg)
    neg = em_prototypes(key_x, em_prototypes(ref_x, neg_mu, 6, 20., 1 - ref_fg), 6, 20., 1 - key_fg)
    with torch.no_grad():
        refine(ref_feats, ref_logits, key_feats, key_logits)
    assert torch.allclose(refine.pos_mu, 0.95 * pos_mu + 0.05 * pos.mean(dim=0, keepdim=True))
    assert torch.allclose(refine.neg_mu, 0.95 * neg_mu + 0.05 * neg.mean(dim=0, keepdim=True))


def test_no_roi_leaves_the_buffers_alone():
    refine = head()
    before = refine.pos_mu.clone()
    with torch.no_grad():
        assert refine(*(t[:0] for t in rois(1, 3))).shape == (0, 1, 28, 28)
    assert torch.equal(refine.pos_mu, before)


def test_selected_rois_get_the_logits_and_buffers_of_refining_all():
    inputs = rois(4, 4)
    refine_all, refine_some = head(), head()
    select = torch.tensor([True, False, True, False])
    with torch.no_grad():
        every = refine_all(*inputs)
        some = refine_some(*inputs, select=select)
        assert torch.allclose(some, every[select], atol=1e-6)
        assert refine_some(*inputs, select=torch.zeros(4, dtype=torch.bool)).shape == (0, 1, 28, 28)
        refine_all(*inputs)
    for name in ('pos_mu', 'neg_mu'):  # all four RoIs moved the buffers, twice
        assert torch.allclose(getattr(refine_some, name), getattr(refine_all, name), atol=1e-6)


def test_training_match_by_hand():
    refine = head()
    key_embeds = [torch.tensor([[1., 0.], [0., 1.], [1., 1.], [-1., 1.]]), torch.ones(2, 2)]
    ref_embeds = [torch.tensor([[1., 0.], [0., 1.]]), torch.zeros(0, 2)]
    key_ids = [torch.tensor([1, 2, 1, 1]), torch.tensor([5, 6])]
    ref_ids = [torch.tensor([1, 2]), torch.zeros(0, dtype=torch.long)]
    valids, ref_inds = refine.match(key_embeds, ref_embeds, key_ids, ref_ids)
    # key 2: cosine 1/sqrt(2) > 0.5 with ref 0 (same instance); key 3: cosine -0.71 with its
    # instance, 0 with the other one: no reference
    assert valids[0].tolist() == [True, True, True, False]
    assert ref_inds[0].tolist() == [0, 1, 0]
    assert valids[1].tolist() == [False, False] and ref_inds[1].numel() == 0


def test_loss_is_the_mean_binary_cross_entropy():
    refine = head()
    logits = torch.zeros(2, 1, 28, 28)
    targets = torch.randint(0, 2, (2, 28, 28)).float()
    assert refine.loss(logits, targets)['loss_refine'].item() == pytest.approx(math.log(2))


def test_num_convs_must_include_conv1():
    with pytest.raises(ValueError, match='num_convs'):
        head(num_convs=0)
