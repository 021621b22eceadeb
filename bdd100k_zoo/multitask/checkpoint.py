"""A multitask checkpoint back into one task: the state dict of a task model alone, which loads
strictly into that task's single-task config."""
from typing import Any, Dict, List

import torch

from ..export.atomic import atomic_open
from ..runtime.checkpoint import safe_load

#: The prefix of every task model's weights in a :class:`~.model.BDD100KMultiTaskModel`.
TASKS_PREFIX = 'tasks.'


class NotMultiTaskCheckpointError(ValueError):
    """A checkpoint is not of a multitask model, or lacks the task asked for."""


def checkpoint_tasks(state_dict: Dict[str, Any]) -> List[str]:
    """The task names of a multitask model's state dict, in order of appearance."""
    tasks: Dict[str, None] = {}
    for key in state_dict:
        if key.startswith(TASKS_PREFIX) and '.' in key[len(TASKS_PREFIX):]:
            tasks[key[len(TASKS_PREFIX):].split('.', 1)[0]] = None
    return list(tasks)


def task_state_dict(state_dict: Dict[str, Any], task: str) -> Dict[str, Any]:
    """The weights of ``task``'s model (shared modules included), named as in that model."""
    prefix = f'{TASKS_PREFIX}{task}.'
    return {key[len(prefix):]: value for key, value in state_dict.items()
            if key.startswith(prefix)}


def extract_task_checkpoint(source: str, task: str, out: str) -> List[str]:
    """Writes the checkpoint of one task model taken from a multitask checkpoint (atomically).

    The output holds ``state_dict`` (the task model's weights, shared modules included) and
    ``meta`` with the task's ``dataset_meta``; the optimizer, the training state and the multitask
    config (``meta['cfg']``, not the task's config) are left out.

    Args:
        source: a checkpoint of a BDD100KMultiTaskModel, read through the safe loader.
        task: the task to extract.
        out: the file to write.

    Returns:
        The weight names written.

    Raises:
        NotMultiTaskCheckpointError: ``source`` is not a multitask checkpoint or has no ``task``.
        CheckpointLoadError: ``source`` holds pickled objects outside the allow-list, or is not
            readable by the safe loader.
    """
    checkpoint = safe_load(source, map_location='cpu')
    state_dict = checkpoint.get('state_dict') if isinstance(checkpoint, dict) else None
    tasks = checkpoint_tasks(state_dict) if isinstance(state_dict, dict) else []
    if not tasks:
        raise NotMultiTaskCheckpointError(
            f'{source}: not a checkpoint of a multitask model (no state_dict weights named '
            f'{TASKS_PREFIX}<task>.*)')
    if task not in tasks:
        raise NotMultiTaskCheckpointError(f'{source}: no task {task!r}; its tasks are {tasks}')
    meta = dict(checkpoint.get('meta') or {})
    meta.pop('cfg', None)
    dataset_meta = meta.get('dataset_meta')
    if isinstance(dataset_meta, dict) and task in dataset_meta:
        meta['dataset_meta'] = dataset_meta[task]
    meta['multitask'] = dict(source=str(source), task=task)
    weights = task_state_dict(state_dict, task)
    with atomic_open(out, 'wb') as f:
        torch.save(dict(meta=meta, state_dict=weights), f)
    return list(weights)
