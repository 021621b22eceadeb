"""Batch-level round robin: which task trains in each iteration."""
from typing import Dict, List, Optional, Sequence


def round_robin_schedule(tasks: Sequence[str], ratio: Optional[Dict[str, int]] = None) -> List[str]:
    """One cycle of the round robin: ``ratio[t]`` consecutive batches of each task ``t``, the tasks
    in the order of ``tasks``; iteration ``i`` trains ``cycle[i % len(cycle)]``.

    The schedule depends on the iteration number alone, so every DDP rank trains the same task in
    the same iteration and a resumed run continues the same schedule.

    Args:
        tasks: the task names, in the order of the train dataloaders.
        ratio: batches per cycle of each task (a positive int); a task it leaves out gets 1.

    Raises:
        ValueError: ``ratio`` names a task without a dataloader, or a count is not a positive int.
    """
    ratio = dict(ratio or {})
    unknown = sorted(set(ratio) - set(tasks))
    if unknown:
        raise ValueError(f'train_dataloader.ratio names {unknown}, which have no dataloader in '
                         f'train_dataloader.tasks (tasks: {list(tasks)})')
    cycle = []
    for task in tasks:
        count = ratio.get(task, 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f'train_dataloader.ratio.{task} must be a positive int, got {count!r}')
        cycle += [task] * count
    return cycle
