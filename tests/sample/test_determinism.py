"""Determinism: the same seed and scale give byte-identical files; another seed gives other data."""
import hashlib
import os
import os.path as osp

import pytest

from bdd100k_zoo.sample import generate_sample


def digests(root):
    """SHA-256 of every file under ``root``, by relative path."""
    result = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = osp.join(folder, name)
            with open(path, 'rb') as f:
                result[osp.relpath(path, root)] = hashlib.sha256(f.read()).hexdigest()
    return result


def test_the_same_seed_gives_byte_identical_files(tiny_sample, tmp_path):
    again = generate_sample(str(tmp_path / 'again'), seed=0, scale='tiny')
    first, second = digests(tiny_sample.root), digests(again.root)
    assert len(first) > 100
    assert first == second
    assert again.counts == tiny_sample.counts


def test_another_seed_gives_other_data(tmp_path, one_each):
    one = digests(generate_sample(str(tmp_path / 'one'), seed=1, scale='tiny').root)
    two = digests(generate_sample(str(tmp_path / 'two'), seed=2, scale='tiny').root)
    images_one = {path: digest for path, digest in one.items() if path.endswith('.jpg')}
    images_two = {path: digest for path, digest in two.items() if path.endswith('.jpg')}
    assert len(images_one) == len(images_two) == 2 + 2 + 4 + 4
    assert not set(images_one) & set(images_two)
    assert not set(images_one.values()) & set(images_two.values())


def test_a_negative_seed_is_refused(tmp_path):
    with pytest.raises(ValueError, match='non-negative'):
        generate_sample(str(tmp_path / 'out'), seed=-1, scale='tiny')
