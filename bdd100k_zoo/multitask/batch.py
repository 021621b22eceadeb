"""The batch of one task as it travels through the multitask model:
``dict(task=name, data=batch)``."""
from typing import Any, Tuple


def wrap_batch(task: str, data: Any) -> dict:
    """Marks ``data``, a batch of ``task``'s own dataloader, with the task it belongs to."""
    return dict(task=task, data=data)


def unwrap_batch(batch: Any) -> Tuple[str, Any]:
    """The task and the task loader's batch of a :func:`wrap_batch` batch.

    Raises:
        TypeError: ``batch`` is not a task batch (e.g. a single-task loader's batch).
    """
    if not isinstance(batch, dict) or set(batch) != {'task', 'data'}:
        keys = sorted(batch) if isinstance(batch, dict) else type(batch).__name__
        raise TypeError(f'a multitask model needs batches dict(task=<name>, data=<batch>), got '
                        f'{keys}: train it with BDD100KRoundRobinTrainLoop and evaluate it with '
                        'BDD100KMultiTaskValLoop / BDD100KMultiTaskTestLoop')
    return batch['task'], batch['data']
