"""The post-hoc scores on hand-made logits (values computed by hand in the comments)."""
import math

import numpy as np
import pytest
import torch

from bdd100k_zoo.anomaly import scores
from bdd100k_zoo.anomaly.dirichlet import differential_entropy, kl_divergence
from bdd100k_zoo.anomaly.modules import (ClassProbabilityScore, DirichletEntropyScore,
                                         MCDropoutScore)


def pixels(*logits):
    """``C x 1 x P`` logits of P pixels."""
    return torch.tensor(logits, dtype=torch.float32).T[:, None, :]


def test_hand_values_of_the_logit_scores():
    z = pixels((0.0, 0.0), (math.log(3), 0.0))  # p = (.5, .5) and (.75, .25)
    torch.testing.assert_close(scores.max_softmax(z)[0], torch.tensor([0.5, 0.25]))
    h = -0.75 * math.log(0.75) - 0.25 * math.log(0.25)  # 0.5623351
    torch.testing.assert_close(scores.entropy(z)[0], torch.tensor([math.log(2), h]))
    torch.testing.assert_close(scores.entropy(z, normalized=True)[0],
                               torch.tensor([1.0, h / math.log(2)]))
    torch.testing.assert_close(scores.max_logit(z)[0], torch.tensor([0.0, -math.log(3)]))
    torch.testing.assert_close(scores.energy(z)[0], torch.tensor([-math.log(2), -math.log(4)]))
    # T = 2: -2 log(e^0 + e^(ln3 / 2)) = -2 log(1 + sqrt 3)
    torch.testing.assert_close(scores.energy(z, 2.0)[0, 1],
                               torch.tensor(-2 * math.log(1 + math.sqrt(3))))
    with pytest.raises(ValueError, match='positive'):
        scores.energy(z, 0.0)


def test_every_score_is_float32_hxw_and_higher_for_the_uncertain_pixel():
    z = pixels((5.0, 0.0, 0.0), (1.0, 0.9, 0.8))  # confident, uncertain
    for fn in (scores.max_softmax, scores.entropy, scores.max_logit, scores.energy):
        out = fn(z)
        assert out.dtype == torch.float32 and out.shape == (1, 2)
        assert out[0, 1] > out[0, 0], fn.__name__
    assert scores.entropy(torch.randn(7, 4, 4) * 10, normalized=True).max() <= 1 + 1e-6


def test_standardized_max_logit_uses_the_predicted_class_statistics():
    z = pixels((3.0, 1.0), (0.0, 6.0))  # predicted classes 0 and 1
    v, classes = scores.standardized_max_logit(z, torch.tensor([1.0, 2.0]),
                                               torch.tensor([2.0, 4.0]))
    assert classes.tolist() == [[0, 1]]
    torch.testing.assert_close(v[0], torch.tensor([(3 - 1) / 2, (6 - 2) / 4]))


def test_void_and_unknown_probability_is_the_last_class():
    z = pixels((0.0, 0.0, math.log(2)))  # softmax (.25, .25, .5)
    torch.testing.assert_close(ClassProbabilityScore()(z[None])[0, 0], torch.tensor([0.5]))


def test_dirichlet_entropy_and_kl_hand_values():
    # alpha = (1, 1): the uniform density on the 1-simplex, H = 0; alpha = (1, 1, 1): -ln 2
    assert float(differential_entropy(torch.ones(2, 1, 1))) == pytest.approx(0.0, abs=1e-12)
    assert float(differential_entropy(torch.ones(3, 1, 1))) == pytest.approx(-math.log(2))
    # Dir(1,1) || Dir(2,1): log B(2,1) - log B(1,1) ... = ln(1/2) - 0 + (1 - 2)(psi(1) - psi(2))
    # = -ln 2 + 1 (psi(2) - psi(1) = 1)
    kl = kl_divergence(torch.tensor([2.0, 1.0])[:, None, None],
                       torch.tensor([1.0, 1.0])[:, None, None])
    assert float(kl) == pytest.approx(1 - math.log(2))
    score = DirichletEntropyScore()(torch.zeros(1, 3, 1, 1))  # alpha = exp(0) = 1
    assert float(score) == pytest.approx(-math.log(2))
    assert torch.isfinite(DirichletEntropyScore()(torch.full((1, 3, 1, 1), 1e4))).all()


def test_mc_dropout_hand_values():
    disagree = torch.tensor([[1.0, 0.0], [0.0, 1.0]])[:, :, None, None]  # T x C x 1 x 1
    pe, mi = scores.predictive_entropy_and_mutual_information(disagree)
    assert float(pe) == pytest.approx(math.log(2)) and float(mi) == pytest.approx(math.log(2))
    agree = torch.full((2, 2, 1, 1), 0.5)
    pe, mi = scores.predictive_entropy_and_mutual_information(agree)
    assert float(pe) == pytest.approx(math.log(2)) and float(mi) == pytest.approx(0.0)
    # the module (running sums over passes of logits) equals the stacked formula
    logits = [torch.randn(1, 4, 3, 5) for _ in range(3)]
    probs = torch.stack([x.softmax(1) for x in logits])
    pe, mi = scores.predictive_entropy_and_mutual_information(probs)
    torch.testing.assert_close(MCDropoutScore(3)(iter(logits)), mi)
    torch.testing.assert_close(MCDropoutScore(3, 'predictive_entropy')(iter(logits)), pe)
    expected_pe = -(probs.mean(0) * probs.mean(0).log()).sum(1)
    np.testing.assert_allclose(pe.numpy(), expected_pe.numpy(), rtol=1e-5)
