"""PCAN's EM prototypes and frame-level memory against hand-computed values."""
import math

import pytest
import torch

from bdd100k_zoo.track.prototypes import (BDD100KPrototypeMemory, em_prototypes, l2_normalize,
                                          prototype_attention, pruned_softmax, random_prototypes,
                                          reconstruct)

# 2 channels, 3 pixels: (1, 0), (0, 1), (1, 1); prototypes e1 and e2
FEATS = torch.tensor([[[1., 0., 1.], [0., 1., 1.]]])
UNIT = torch.eye(2)[None]


def unit(*vector: float) -> torch.Tensor:
    return torch.tensor(vector) / math.hypot(*vector)


def test_one_em_iteration_by_hand():
    # temperature ln 3: softmax([ln 3, 0]) = [3/4, 1/4]; the third pixel is split 1/2, 1/2
    # z = [[.75, .25], [.25, .75], [.5, .5]]; mu_0 = .75 (1,0) + .25 (0,1) + .5 (1,1) = (1.25, .75)
    mu = em_prototypes(FEATS, UNIT, iters=1, temperature=math.log(3))
    assert mu.shape == (1, 2, 2)
    assert torch.allclose(mu[0, :, 0], unit(5, 3), atol=1e-5)
    assert torch.allclose(mu[0, :, 1], unit(3, 5), atol=1e-5)


def test_one_masked_em_iteration_by_hand():
    # the second pixel masked out: mu_0 = .75 (1,0) + .5 (1,1) = (1.25, .5), mu_1 = (.75, .5)
    mu = em_prototypes(FEATS, UNIT, iters=1, temperature=math.log(3),
                       mask=torch.tensor([[1., 0., 1.]]))
    assert torch.allclose(mu[0, :, 0], unit(5, 2), atol=1e-5)
    assert torch.allclose(mu[0, :, 1], unit(3, 2), atol=1e-5)


def test_em_iterations_compose_and_need_no_gradient():
    feats = torch.randn(2, 4, 9, requires_grad=True)
    init = random_prototypes(4, 3)
    twice = em_prototypes(feats, init, iters=2, temperature=20.)
    once_more = em_prototypes(feats, em_prototypes(feats, init, iters=1, temperature=20.), iters=1,
                              temperature=20.)
    assert torch.allclose(twice, once_more) and not twice.requires_grad
    assert torch.allclose(twice.norm(dim=1), torch.ones(2, 3), atol=1e-5)


def test_attention_and_reconstruction_by_hand():
    protos = math.log(3) * UNIT  # logits of pixel (1, 0): [ln 3, 0] -> attention [3/4, 1/4]
    attention = prototype_attention(FEATS, protos)
    assert torch.allclose(attention[0], torch.tensor([[.75, .25], [.25, .75], [.5, .5]]))
    rebuilt = reconstruct(FEATS, protos)
    assert torch.allclose(rebuilt[0, :, 0], math.log(3) * torch.tensor([.75, .25]))
    assert torch.allclose(rebuilt[0, :, 2], math.log(3) * torch.tensor([.5, .5]))


def test_random_prototypes_are_unit_columns():
    protos = random_prototypes(16, 30)
    assert protos.shape == (1, 16, 30)
    assert torch.allclose(protos.norm(dim=1), torch.ones(1, 30), atol=1e-5)


def frame(seed: int) -> tuple[torch.Tensor, ...]:
    gen = torch.Generator().manual_seed(seed)
    return tuple(torch.randn(1, 4, 8 // 2**level, 8 // 2**level, generator=gen) for level in range(3))


def test_memory_blends_frames_by_the_formula():
    memory = BDD100KPrototypeMemory(channels=4, num_protos=3, em_iters=2, temperature=20.)
    buffers = [memory.mu0.clone(), memory.mu1.clone()]
    first, second = frame(0), frame(1)
    memory.reset(first)
    banks, mus = [first[0], first[1]], list(buffers)
    for feats in (first, second):
        out = memory(feats)
        for level in (0, 1):
            x = feats[level]
            protos = em_prototypes(banks[level].flatten(2), mus[level], 2, 20.)
            expected = 0.75 * x + 0.25 * reconstruct(x.flatten(2), protos).view_as(x)
            assert torch.allclose(out[level], expected, atol=1e-6)
            banks[level] = 0.75 * expected + 0.25 * banks[level]
            mus[level] = 0.5 * mus[level] + 0.5 * protos
        assert out[2] is feats[2]  # levels without memory pass through
    assert torch.equal(memory.mu0, buffers[0]) and torch.equal(memory.mu1, buffers[1])
    assert set(dict(memory.named_buffers())) == {'mu0', 'mu1'}


def test_reset_restarts_from_the_frame_and_the_buffers():
    memory = BDD100KPrototypeMemory(channels=4, num_protos=3)
    memory.reset(frame(0))
    memory(frame(0))
    memory(frame(1))
    memory.reset(frame(2))
    assert torch.equal(memory.banks[0], frame(2)[0]) and torch.equal(memory.banks[1], frame(2)[1])
    assert memory.mus[0] is memory.mu0 and memory.mus[1] is memory.mu1
    fresh = BDD100KPrototypeMemory(channels=4, num_protos=3)
    fresh.load_state_dict(memory.state_dict())
    fresh.reset(frame(2))
    assert all(torch.equal(a, b) for a, b in zip(memory(frame(2)), fresh(frame(2))))


def test_no_levels_is_the_identity():
    memory = BDD100KPrototypeMemory(channels=4, levels=())
    feats = frame(0)
    assert all(a is b for a, b in zip(memory(feats), feats))
    assert not list(memory.buffers())


def test_bad_use_raises_clear_errors():
    memory = BDD100KPrototypeMemory(channels=4, num_protos=3)
    with pytest.raises(RuntimeError, match='reset'):
        memory(frame(0))
    memory.reset(frame(0))
    smaller = tuple(level[:, :, :-1] for level in frame(1))
    with pytest.raises(ValueError, match='level 0.*same size'):
        memory(smaller)
    with pytest.raises(ValueError, match='levels'):
        BDD100KPrototypeMemory(levels=(0, 0))


def test_l2_normalize_divides_by_the_norm_plus_eps():
    assert torch.allclose(l2_normalize(torch.tensor([[3.], [4.]]), dim=0),
                          torch.tensor([[3.], [4.]]) / (5 + 1e-6))


def test_pruned_softmax_drops_only_weights_below_1e_30_of_the_largest():
    logits = torch.tensor([[0., -10., -60., -100.], [3., 3., 3., 3.]])
    probs = pruned_softmax(logits, dim=1)
    total = 1 + math.exp(-10) + math.exp(-60)  # e^-100 (below 1e-30) dropped
    assert probs[0].tolist() == pytest.approx([1 / total, math.exp(-10) / total,
                                               math.exp(-60) / total, 0.], rel=1e-6)
    assert probs[0, 3] == 0 and torch.equal(probs[1], torch.full((4, ), .25))
    assert torch.softmax(logits, dim=1)[0, 3] > 0  # float32 keeps e^-100 as a subnormal


def em_plain(feats: torch.Tensor, init: torch.Tensor, iters: int, temperature: float,
             mask: torch.Tensor) -> torch.Tensor:
    """The EM formula of the module docstring with the plain softmax (float32, subnormals kept)."""
    mu = init.expand(len(feats), -1, -1)
    for _ in range(iters):
        z = torch.softmax(temperature * feats.transpose(1, 2) @ mu, dim=2) * mask[:, :, None]
        z = z / (1e-6 + z.sum(dim=1, keepdim=True))
        mu = feats @ z
        mu = mu / (1e-6 + mu.norm(dim=1, keepdim=True))
    return mu


def test_em_with_pruned_weights_is_the_formula_where_float32_goes_subnormal():
    torch.manual_seed(0)
    feats = 5 * torch.randn(3, 16, 200)  # similarities far apart: tiny weights
    init = random_prototypes(16, 10)
    mask = (torch.rand(3, 200) > 0.3).float()
    plain = torch.softmax(20 * feats.transpose(1, 2) @ init, dim=2)
    assert ((plain > 0) & (plain < torch.finfo(torch.float32).tiny)).any()
    mu = em_prototypes(feats, init, iters=6, temperature=20., mask=mask)
    assert torch.allclose(mu, em_plain(feats, init, 6, 20., mask), atol=1e-5)
    assert em_prototypes(feats[:0], init, iters=2, temperature=20.).shape == (0, 16, 10)
