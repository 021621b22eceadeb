"""Official BDD100K metrics for every task, computed through scalabel.

The mmengine metrics of every task and ``bdd100k-zoo eval`` call this package, so their numbers are
identical by construction:

- :func:`evaluate` scores Scalabel frames (plain dicts) of any task in :data:`TASKS`;
- :func:`evaluate_files` scores label/prediction files as the official ``bdd100k.eval.run`` takes
  them (Scalabel JSON, per-video JSON folders, folders or zips of mask/bitmask PNGs, lane masks);
- :func:`evaluate_sliced` scores each value of frame attributes apart (weather, scene, timeofday);
- :class:`SegEvaluator` accumulates sem_seg/drivable masks in memory, :class:`LaneEvaluator`
  lane marking masks;
- :func:`evaluate_anomaly_files` scores anomaly maps (task ``anomaly`` of :data:`EXTRA_TASKS`,
  not an official BDD100K task) with the pixel and component metrics of :mod:`.anomaly`;
- every result is a :class:`Scores` (``summary``, ``per_class``, ``extra``, ``to_dict()``,
  ``table()``).

The names are loaded on first use, so importing the package (e.g. for :data:`TASKS` in the command
line) does not load scalabel.
"""
import importlib
from typing import Any

from .tasks import EXTRA_TASKS, TASKS

EXPORTS = {'evaluate': 'api', 'evaluate_files': 'files', 'evaluate_sliced': 'slicing',
           'Scores': 'scores', 'SegEvaluator': 'segmentation', 'LaneEvaluator': 'boundary',
           'evaluate_anomaly_files': 'anomaly_files'}

__all__ = ['EXTRA_TASKS', 'TASKS'] + sorted(EXPORTS)


def __getattr__(name: str) -> Any:
    if name in EXPORTS:
        return getattr(importlib.import_module(f'.{EXPORTS[name]}', __name__), name)
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
