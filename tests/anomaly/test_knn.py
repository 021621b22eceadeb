"""kNN distances to a bank of 3 unit vectors, and the reservoir sample."""
import math

import pytest
import torch

from bdd100k_zoo.anomaly.knn import Reservoir, knn_distance, prepare_bank


def test_hand_distances():
    bank = torch.eye(3)
    query = torch.tensor([[1.0, 1.0, 0.0]])
    cosine = prepare_bank(bank, 'cosine')
    assert float(knn_distance(query, cosine, k=1)) == pytest.approx(1 - 1 / math.sqrt(2))
    assert float(knn_distance(query, cosine, k=3)) == pytest.approx(
        (2 * (1 - 1 / math.sqrt(2)) + 1) / 3)
    euclid = prepare_bank(bank, 'euclidean')
    assert float(knn_distance(query, euclid, k=2, metric='euclidean')) == pytest.approx(1.0)
    assert float(knn_distance(query, euclid, k=3, metric='euclidean')) == pytest.approx(
        (2 + math.sqrt(3)) / 3)
    many = torch.randn(50, 3)
    torch.testing.assert_close(knn_distance(many, cosine, 2, chunk=7),
                               knn_distance(many, cosine, 2, chunk=1000))
    with pytest.raises(ValueError, match='k = 4'):
        knn_distance(query, cosine, k=4)
    with pytest.raises(ValueError, match='unknown kNN distance'):
        prepare_bank(bank, 'manhattan')


def sample_of(seed):
    reservoir = Reservoir(100, seed=seed)
    for start in range(0, 1000, 64):
        reservoir.add(torch.arange(start, min(start + 64, 1000)).float()[:, None])
    return reservoir.sample()


def test_reservoir_keeps_a_seeded_uniform_sample():
    sample = sample_of(3)
    assert sample.shape == (100, 1) and len(sample.unique()) == 100
    assert 300 < float(sample.mean()) < 700  # uniform over 0..999 (mean 499.5)
    assert torch.equal(sample_of(3), sample) and not torch.equal(sample_of(4), sample)
    with pytest.raises(ValueError, match='no feature'):
        Reservoir(5).sample()
