"""The per-class statistics of SML, merged batch by batch, against numpy on all values at once."""
import numpy as np
import pytest
import torch

from bdd100k_zoo.anomaly.fit import ClassMoments, image_indices


def test_class_moments_equal_numpy_over_batches():
    rng = np.random.default_rng(0)
    values = [rng.normal(3, 2, size=n) for n in (50, 1, 200)]
    classes = [rng.integers(0, 3, size=len(v)) for v in values]
    classes[0][:] = np.where(classes[0] == 2, 0, classes[0])  # class 2 first seen later
    moments = ClassMoments(4)  # class 3 never predicted
    for v, c in zip(values, classes):
        moments.add(torch.from_numpy(v).float(), torch.from_numpy(c))
    entry = moments.entry()
    all_values = np.concatenate([v.astype(np.float32) for v in values]).astype(np.float64)
    all_classes = np.concatenate(classes)
    for c in range(3):
        chosen = all_values[all_classes == c]
        assert int(entry['count'][c]) == len(chosen)
        assert float(entry['mean'][c]) == pytest.approx(chosen.mean(), rel=1e-12)
        assert float(entry['var'][c]) == pytest.approx(chosen.var(ddof=1), rel=1e-10)
    assert int(entry['count'][3]) == 0 and float(entry['var'][3]) == 0.0


def test_image_subsets_are_seeded_and_sorted():
    assert image_indices(5, None, 0) == [0, 1, 2, 3, 4]
    assert image_indices(5, 9, 0) == [0, 1, 2, 3, 4]
    chosen = image_indices(100, 10, 3)
    assert chosen == sorted(chosen) and len(set(chosen)) == 10
    assert chosen == image_indices(100, 10, 3) != image_indices(100, 10, 4)
