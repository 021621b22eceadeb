"""Deterministic random streams, BDD100K-style names and varied colours for the generated sample.

Every image, video and task draws from its own stream, derived from the user's seed and a key such
as ``('det', 'train', 3)``: one part of the sample never shifts the randomness of another, and the
same seed always gives the same files.
"""
import zlib
from typing import Sequence, Set, Tuple, Union

import numpy as np

Key = Union[str, int]


def key_code(key: Key) -> int:
    """A stable non-negative integer for a key (CRC32 of strings; ints as they are)."""
    if isinstance(key, int):
        if key < 0:
            raise ValueError(f'random stream keys must be non-negative, got {key}')
        return key
    return zlib.crc32(key.encode('utf-8'))


def make_rng(seed: int, *keys: Key) -> np.random.Generator:
    """A generator that depends only on ``seed`` and ``keys``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(
        [key_code(seed), *(key_code(key) for key in keys)])))


def pick_color(rng: np.random.Generator, colors: Sequence[Tuple[int, int, int]],
               spread: float = 0.13) -> Tuple[int, int, int]:
    """One of ``colors``, made up to ``spread`` lighter or darker."""
    base = np.array(colors[rng.integers(len(colors))], dtype=float)
    scaled = np.clip(base * rng.uniform(1 - spread, 1 + spread), 0, 255)
    return int(scaled[0]), int(scaled[1]), int(scaled[2])


class NameMaker:
    """Draws unique BDD100K-style names (``'1f0c3a2e-8b7d9c01'``) from a random stream."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._used: Set[str] = set()

    def __call__(self) -> str:
        """A name not returned before by this maker."""
        while True:
            high, low = self._rng.integers(0, 2 ** 32, size=2)
            name = f'{int(high):08x}-{int(low):08x}'
            if name not in self._used:
                self._used.add(name)
                return name
