"""k-nearest-neighbour distances of pixel features to a bank of training features.

The score of a pixel is the mean distance to its ``k`` nearest bank features (the distance form of
the kNN density of the Fishyscapes paper, eq. 5, as dense-ood-knns ranks: far = anomalous).
Queries are processed in chunks, so memory is ``chunk x bank`` distances at a time.
"""
from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor

#: The supported distances.
METRICS = ('cosine', 'euclidean')


def check_metric(metric: str) -> None:
    """Raises ValueError for a distance other than :data:`METRICS`."""
    if metric not in METRICS:
        raise ValueError(f'unknown kNN distance {metric!r}; use one of {", ".join(METRICS)}')


def prepare_bank(features: Tensor, metric: str) -> Tensor:
    """Bank features (``M x D``) as stored: L2-normalised for ``cosine``, float32."""
    check_metric(metric)
    features = features.float()
    return F.normalize(features, dim=1) if metric == 'cosine' else features


def knn_distance(queries: Tensor, bank: Tensor, k: int = 3, metric: str = 'cosine',
                 chunk: int = 1024) -> Tensor:
    """The mean distance of each query to its ``k`` nearest bank rows.

    Args:
        queries: ``Q x D`` features.
        bank: ``M x D`` features from :func:`prepare_bank` (same ``metric``).
        k: the number of neighbours (at most ``M``).
        metric: ``'cosine'`` (``1 - cos``) or ``'euclidean'``.
        chunk: queries per matrix product.

    Raises:
        ValueError: unknown metric, ``k`` out of range, or feature widths that differ.
    """
    check_metric(metric)
    if not 1 <= k <= len(bank):
        raise ValueError(f'k = {k} neighbours asked for with a bank of {len(bank)} features')
    if queries.shape[1] != bank.shape[1]:
        raise ValueError(f'query features have {queries.shape[1]} channels, the bank '
                         f'{bank.shape[1]}')
    queries = queries.float()
    if metric == 'cosine':
        queries = F.normalize(queries, dim=1)
    bank = bank.float().to(queries.device)
    out = []
    for start in range(0, len(queries), chunk):
        part = queries[start:start + chunk]
        if metric == 'cosine':
            distances = 1 - part @ bank.T
        else:
            distances = torch.cdist(part, bank)
        out.append(distances.topk(k, dim=1, largest=False).values.mean(1))
    return torch.cat(out) if out else queries.new_zeros(0)


class Reservoir:
    """A uniform random sample of at most ``size`` rows of a stream of ``n x D`` tensors.

    Every row gets a uniform random key from a seeded generator; the ``size`` rows with the
    smallest keys are kept (so memory stays ``size x D``).

    Args:
        size: the number of rows kept.
        seed: the seed of the keys.
    """

    def __init__(self, size: int, seed: int = 0) -> None:
        if size <= 0:
            raise ValueError(f'the sample size must be positive, got {size}')
        self.size = size
        self.generator = torch.Generator().manual_seed(seed)
        self.rows: Optional[Tensor] = None
        self.keys = torch.zeros(0, dtype=torch.float64)
        self.seen = 0

    def add(self, rows: Tensor) -> None:
        """Offers ``rows`` (``n x D``) to the sample."""
        rows = rows.detach().float().cpu()
        self.seen += len(rows)
        keys = torch.rand(len(rows), generator=self.generator, dtype=torch.float64)
        if self.rows is None:
            self.rows = rows[:0]
        all_rows = torch.cat([self.rows, rows])
        all_keys = torch.cat([self.keys, keys])
        if len(all_keys) > self.size:
            kept = all_keys.topk(self.size, largest=False).indices
            all_rows, all_keys = all_rows[kept], all_keys[kept]
        self.rows, self.keys = all_rows, all_keys

    def sample(self) -> Tensor:
        """The rows kept (in key order).

        Raises:
            ValueError: nothing was offered.
        """
        if self.rows is None or not len(self.rows):
            raise ValueError('no feature was collected')
        return self.rows[self.keys.argsort()]
