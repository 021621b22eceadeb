"""Edits of the multitask configs (``multitask/configs/``): a single-task config made a task piece
(:func:`as_task`), and task pieces added to a round-robin config, its schedule stretched over the
longer cycle (:func:`add_tasks`).

A task piece (``configs/_base_/multitask/task_*.py``) resolves to one setting, ``<task>_task =
dict(model=..., train_dataloader=..., val_dataloader=..., val_evaluator=...)``, so that a config
can list several pieces among its bases (mmengine refuses a setting that two bases define) and add
them to the multitask model, loaders and metrics it inherits.
"""
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

#: What a task piece takes from its single-task config, in this order.
TASK_KEYS = ('model', 'train_dataloader', 'val_dataloader', 'val_evaluator')
#: The iteration counts of a ``train_cfg`` that a stretch multiplies.
TRAIN_ITERATIONS = ('max_iters', 'val_interval')
#: The iteration counts (one, or a list) of a parameter scheduler that a stretch multiplies.
SCHEDULER_ITERATIONS = ('begin', 'end', 'milestones')
#: The schedulers whose shape :data:`SCHEDULER_ITERATIONS` fully describe (a scheduler counting
#: in other ways, e.g. ``StepLR``'s ``step_size`` or ``ExponentialLR``'s factor per iteration,
#: would come out of a stretch unstretched).
STRETCHABLE_SCHEDULERS = ('LinearLR', 'ConstantLR', 'MultiStepLR', 'CosineAnnealingLR', 'PolyLR')


class MultiTaskSettings(NamedTuple):
    """The settings of a round-robin config that depend on its tasks, in the order a config unpacks
    them: the ``BDD100KMultiTaskModel``, the round-robin training loader, per task the val and test
    loaders and metrics, and the iteration-based schedule."""

    model: Dict[str, Any]
    train_dataloader: Dict[str, Any]
    val_dataloader: Dict[str, Any]
    test_dataloader: Dict[str, Any]
    val_evaluator: Dict[str, Any]
    test_evaluator: Dict[str, Any]
    train_cfg: Dict[str, Any]
    param_scheduler: List[Dict[str, Any]]


def as_task(base: Dict[str, Any], scope: Optional[str] = None) -> Dict[str, Any]:
    """One single-task config as a task of a multitask config: its model, training and val loaders
    and val metric. Empties ``base``, so that the piece resolves to the task alone.

    Args:
        base: the single-task config's resolved settings (a task piece's ``_base_``).
        scope: the registry scope to build the task in when it is not the multitask config's
            default scope (``'mmseg'`` for the seg side): set as ``_scope_`` on the model, the
            training and val datasets and each metric.

    Returns:
        ``dict(model=..., train_dataloader=..., val_dataloader=..., val_evaluator=...)``.

    Raises:
        ValueError: ``base`` lacks one of these settings (it is not a single-task config).
    """
    missing = [key for key in TASK_KEYS if key not in base]
    if missing:
        raise ValueError(f'as_task: the single-task config has no {missing}; a task piece lists a '
                         f'config with {list(TASK_KEYS)} as its base')
    task = {key: base.pop(key) for key in TASK_KEYS}
    base.clear()
    if scope is not None:
        evaluator = task['val_evaluator']
        for part in (task['model'], task['train_dataloader']['dataset'],
                     task['val_dataloader']['dataset'],
                     *(evaluator if isinstance(evaluator, list) else [evaluator])):
            part['_scope_'] = scope
    return task


def add_tasks(base: Dict[str, Any], *tasks: str, shared: Optional[List[Any]] = None,
              ratio: Optional[Dict[str, int]] = None) -> MultiTaskSettings:
    """A round-robin config with more tasks: each task's piece (``<task>_task`` of
    ``configs/_base_/multitask/task_*.py``) added, after the tasks ``base`` has, to the model, the
    training loader and the val and test loaders and metrics, and the schedule stretched over the
    longer round-robin cycle, so that each task of ``base`` still gets its batches at the same
    learning rates. The pieces are removed from ``base`` (the resolved config holds none).

    The cycle is the batches of all tasks, ``ratio[t]`` (1 by default) for each task ``t``; ``base``
    without a task counts as a cycle of one batch. The stretch multiplies every iteration count
    (``train_cfg.max_iters`` and ``val_interval``, each scheduler's ``begin``, ``end`` and
    ``milestones``) by the new cycle over the old one.

    Args:
        base: the config's ``_base_``: a round-robin config (``round_robin.py`` or a config built
            on it, with an iteration-based ``train_cfg`` and a list ``param_scheduler``) and the
            pieces of ``tasks``.
        *tasks: the names of the added tasks, in order.
        shared: the modules the tasks share (``model.shared`` of ``BDD100KMultiTaskModel``), in
            place of ``base``'s; ``None`` keeps ``base``'s.
        ratio: batches per round-robin cycle of each task (``train_dataloader.ratio``), in place of
            ``base``'s; ``None`` keeps ``base``'s.

    Returns:
        The settings depending on the tasks, each a copy of ``base``'s.

    Raises:
        ValueError: ``base`` has no multitask model or no piece of a task; a task is already in
            ``base`` or named twice; ``ratio`` names a task the config does not have or a count
            below 1; the new cycle is not a whole multiple of the old one; ``base`` has no
            iteration-based ``train_cfg`` and ``param_scheduler``, or a scheduler counts epochs
            or is not one of :data:`STRETCHABLE_SCHEDULERS`.
    """
    model, loader = base.get('model', {}), base.get('train_dataloader', {})
    _check_tasks(base, tasks)
    times = _times(list(model['tasks']), loader.get('ratio', {}), [*model['tasks'], *tasks],
                   loader.get('ratio', {}) if ratio is None else ratio)
    pieces = {task: base.pop(f'{task}_task') for task in tasks}

    def extended(setting: Dict[str, Any], key: str) -> Dict[str, Any]:
        return {**setting, **{task: piece[key] for task, piece in pieces.items()}}

    model = dict(model, tasks=extended(model['tasks'], 'model'))
    if shared is not None:
        model['shared'] = shared
    loader = dict(loader, tasks=extended(loader['tasks'], 'train_dataloader'))
    if ratio is not None:
        loader['ratio'] = ratio
    return MultiTaskSettings(
        model, loader, extended(base.get('val_dataloader', {}), 'val_dataloader'),
        extended(base.get('test_dataloader', {}), 'val_dataloader'),
        extended(base.get('val_evaluator', {}), 'val_evaluator'),
        extended(base.get('test_evaluator', {}), 'val_evaluator'),
        *_stretched_schedule(base, times))


def _check_tasks(base: Dict[str, Any], tasks: Tuple[str, ...]) -> None:
    """Raise ValueError unless ``base`` is a round-robin config without any of ``tasks`` and with
    the piece of each."""
    if 'tasks' not in base.get('model', {}) or 'tasks' not in base.get('train_dataloader', {}):
        raise ValueError('add_tasks: the config has no multitask model and loader (model.tasks, '
                         'train_dataloader.tasks); list configs/_base_/multitask/round_robin.py, '
                         'or a config built on it, among its bases')
    present = list(base['model']['tasks'])
    again = sorted({task for task in tasks if task in present or tasks.count(task) > 1})
    if again:
        raise ValueError(f'add_tasks: {again} added twice (the config has {present}, the call '
                         f'adds {list(tasks)})')
    absent = [f'{task}_task' for task in tasks if f'{task}_task' not in base]
    if absent:
        pieces = sorted(key for key in base if key.endswith('_task'))
        raise ValueError(f'add_tasks: no task piece {absent} among the bases (they hold {pieces}); '
                         'list the configs/_base_/multitask/task_*.py defining it')


def _times(old: List[str], old_ratio: Dict[str, int], new: List[str],
           new_ratio: Dict[str, int]) -> int:
    """How many times the round-robin cycle of the tasks ``new`` at ``new_ratio`` is as long as
    that of ``old`` at ``old_ratio`` (no task counting as a cycle of one batch)."""
    bad = {task: n for task, n in new_ratio.items() if not isinstance(n, int) or n < 1}
    if bad:
        raise ValueError(f'add_tasks: ratio {bad}: each task needs a whole number of batches '
                         f'per cycle, at least 1')
    if set(new_ratio) - set(new):
        raise ValueError(f'add_tasks: ratio names {sorted(set(new_ratio) - set(new))}, not tasks '
                         f'of the config ({new})')
    old_cycle = sum(old_ratio.get(task, 1) for task in old) or 1
    times, rest = divmod(sum(new_ratio.get(task, 1) for task in new), old_cycle)
    if rest:
        raise ValueError(f'add_tasks: the cycle of {new} at ratio {new_ratio} is no whole multiple '
                         f'of the cycle of {old} ({old_cycle} batches)')
    return times


def _stretched_schedule(base: Dict[str, Any],
                        times: int) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """``base``'s ``train_cfg`` and ``param_scheduler``, every iteration count times ``times``.

    Raises:
        ValueError: no iteration-based schedule, or a scheduler a stretch cannot keep in shape.
    """
    schedulers = base.get('param_scheduler')
    if 'train_cfg' not in base or not isinstance(schedulers, list):
        raise ValueError('add_tasks: the config has no train_cfg and list of param_scheduler to '
                         'stretch; list a configs/_base_/multitask/schedule_*.py among its bases')
    by_epoch = [s['type'] for s in schedulers if s.get('by_epoch', True) is not False]
    if by_epoch:
        raise ValueError(f'add_tasks: {by_epoch} count epochs (by_epoch is not False); the '
                         'round-robin loop counts iterations')
    unstretchable = [s['type'] for s in schedulers
                     if s['type'] not in STRETCHABLE_SCHEDULERS or s.get('T_max') is not None]
    if unstretchable:
        raise ValueError(f'add_tasks: cannot stretch {unstretchable} (only '
                         f'{list(STRETCHABLE_SCHEDULERS)}, without T_max, are shaped by their '
                         f'begin, end and milestones alone)')
    return (_stretched(base['train_cfg'], TRAIN_ITERATIONS, times),
            [_stretched(s, SCHEDULER_ITERATIONS, times) for s in schedulers])


def _stretched(setting: Dict[str, Any], keys: Tuple[str, ...], times: int) -> Dict[str, Any]:
    """A copy of ``setting`` with the iteration counts under ``keys`` (an int or a list of ints)
    multiplied by ``times``."""
    counts = {key: setting[key] for key in keys if key in setting}
    return dict(setting, **{key: [c * times for c in count] if isinstance(count, list)
                            else count * times for key, count in counts.items()})
