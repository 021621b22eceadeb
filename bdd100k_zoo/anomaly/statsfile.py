"""The statistics file of the SML, kNN and flow scores: schema, atomic write, safe load, checks.

One ``torch.save`` of a plain dict (tensors, strings, numbers, lists, dicts), so the zoo's safe
loader reads it without any extra allowed global::

    {'format': FORMAT, 'version': VERSION, 'zoo_version': str, 'config': str,
     'checkpoint': str, 'classes': [str], 'images': int, 'seed': int,
     'scores': {<score name>: {'kind': 'sml', 'count': int64[C], 'mean': float64[C],
                               'var': float64[C]}
                            | {'kind': 'knn', 'layers': {<spec>: {'bank': float16[M, D],
                                                                  'metric': str}}}
                            | {'kind': 'flow', 'layers': {<spec>: {'arch': {...},
                                                                   'state_dict': {...},
                                                                   'mean_nll': float}}}}}

``<score name>`` is the score's key in the config's ``model.scores``.
"""
from typing import Any, Dict, Optional, Sequence

import torch

from ..export.atomic import atomic_open
from ..runtime.checkpoint import safe_load
from ..version import __version__

#: The ``format`` value of every statistics file.
FORMAT = 'bdd100k-zoo-anomaly-stats'
#: The schema version written and read.
VERSION = 1
#: The score kinds a statistics file holds.
KINDS = ('sml', 'knn', 'flow')


class StatsFileError(ValueError):
    """A statistics file that is missing, malformed or does not fit the model (names the file)."""


def new_stats(config: str, checkpoint: str, classes: Sequence[str], images: int,
              seed: int) -> Dict[str, Any]:
    """The header of a statistics file, with no score yet."""
    return {'format': FORMAT, 'version': VERSION, 'zoo_version': __version__, 'config': config,
            'checkpoint': checkpoint, 'classes': list(classes), 'images': int(images),
            'seed': int(seed), 'scores': {}}


def write_stats(path: str, stats: Dict[str, Any]) -> None:
    """Writes a statistics file atomically."""
    with atomic_open(path, 'wb') as f:
        torch.save(stats, f)


def load_stats(path: str) -> Dict[str, Any]:
    """Reads a statistics file through the safe loader and checks its header.

    Raises:
        StatsFileError: missing file, not a statistics file, or another schema version.
        CheckpointLoadError: the file holds a pickled object outside the allow-list
            (``UnsafeCheckpointError``) or is not readable by the safe loader.
    """
    try:
        stats = safe_load(path, map_location='cpu')
    except FileNotFoundError:
        raise StatsFileError(f'{path}: no such statistics file; write it with `bdd100k-zoo '
                             f'anomaly fit CONFIG CHECKPOINT --out {path}`') from None
    if not isinstance(stats, dict) or stats.get('format') != FORMAT:
        raise StatsFileError(f'{path} is not an anomaly statistics file (format '
                             f'{FORMAT!r} expected)')
    if stats.get('version') != VERSION:
        raise StatsFileError(f'{path}: statistics file version {stats.get("version")!r}, this '
                             f'zoo reads version {VERSION}')
    if not isinstance(stats.get('scores'), dict) or not isinstance(stats.get('classes'), list):
        raise StatsFileError(f'{path}: the statistics file has no "scores" or "classes"')
    return stats


def score_entry(stats: Dict[str, Any], path: str, name: str, kind: str,
                classes: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """The entry of score ``name`` (of ``kind``), checked against the model's class names.

    Raises:
        StatsFileError: no such entry, another kind, or other classes than the model's.
    """
    entry = stats['scores'].get(name)
    if entry is None:
        raise StatsFileError(f'{path} has no statistics of score {name!r} (it has '
                             f'{sorted(stats["scores"]) or "none"}); run `bdd100k-zoo anomaly '
                             f'fit CONFIG CHECKPOINT --out {path}` first')
    if entry.get('kind') != kind:
        raise StatsFileError(f'{path}: the statistics of score {name!r} are of kind '
                             f'{entry.get("kind")!r}, the score needs {kind!r}')
    if classes is not None and list(classes) != stats['classes']:
        raise StatsFileError(f'{path} was measured on a model of {len(stats["classes"])} '
                             f'classes {stats["classes"][:4]}..., this model has {len(classes)} '
                             f'{list(classes)[:4]}...')
    return entry
