"""One dataloader per task, built under the task's scope, and the round robin over them."""
from typing import Any, Dict, Iterable, Iterator, List, Optional

from mmengine.registry import DefaultScope

from .batch import wrap_batch


def task_scope(loader_cfg: dict) -> Optional[str]:
    """The ``_scope_`` of a task loader's dataset config (None: the config's default scope)."""
    dataset = loader_cfg.get('dataset')
    return dataset.get('_scope_') if isinstance(dataset, dict) else None


def build_task_loader(runner: Any, loader_cfg: Any) -> Iterable:
    """Builds one task's dataloader as mmengine's loops do, with the default scope switched to
    the task's for the whole build (dataset, transforms, sampler, collate function).

    Args:
        runner: the mmengine Runner (its seed and randomness config are used).
        loader_cfg: a dataloader config, or an already built dataloader.
    """
    if not isinstance(loader_cfg, dict):
        return loader_cfg
    diff_rank_seed = runner._randomness_cfg.get('diff_rank_seed', False)
    with DefaultScope.overwrite_default_scope(task_scope(loader_cfg)):
        return runner.build_dataloader(loader_cfg, seed=runner.seed, diff_rank_seed=diff_rank_seed)


class TaskDatasets:
    """The datasets of every task seen as one for mmengine: ``metainfo`` is ``{task: metainfo}``
    (what the runner saves as a checkpoint's ``dataset_meta``), the length their total."""

    def __init__(self, loaders: Dict[str, Iterable]) -> None:
        self._datasets = {task: loader.dataset for task, loader in loaders.items()}

    @property
    def metainfo(self) -> Dict[str, Any]:
        """Task name -> that task dataset's metainfo."""
        return {task: getattr(dataset, 'metainfo', None)
                for task, dataset in self._datasets.items()}

    def __len__(self) -> int:
        return sum(len(dataset) for dataset in self._datasets.values())


class TaskLoaders:
    """The dataloaders of every task; iterating yields each task's batches in turn, wrapped
    (``dict(task=..., data=...)``); the length is the total number of batches.

    Args:
        runner: the mmengine Runner.
        loaders: task name -> dataloader config (or built dataloader).
    """

    def __init__(self, runner: Any, loaders: Dict[str, Any]) -> None:
        if not loaders:
            raise ValueError('a multitask loop needs one dataloader per task, got none')
        self.loaders = {task: build_task_loader(runner, cfg) for task, cfg in loaders.items()}
        self.dataset = TaskDatasets(self.loaders)

    def __len__(self) -> int:
        return sum(len(loader) for loader in self.loaders.values())

    def __iter__(self) -> Iterator[dict]:
        for task, loader in self.loaders.items():
            for batch in loader:
                yield wrap_batch(task, batch)


def endless(loader: Iterable) -> Iterator[Any]:
    """The batches of ``loader`` pass after pass; before each new pass its sampler's epoch is
    advanced (as mmengine's iteration-based loop does), so a shuffling sampler reshuffles alike on
    every rank."""
    epoch = 0
    while True:
        yield from loader
        epoch += 1
        sampler = getattr(loader, 'sampler', None)
        if not hasattr(sampler, 'set_epoch'):
            sampler = getattr(getattr(loader, 'batch_sampler', None), 'sampler', None)
        if hasattr(sampler, 'set_epoch'):
            sampler.set_epoch(epoch)


class RoundRobinLoaders(TaskLoaders):
    """The task dataloaders in batch-level round robin: iterating yields, endlessly, the batch of
    ``schedule[i % len(schedule)]`` in iteration ``i``, each task's loader restarting when it runs
    out.

    Args:
        runner: the mmengine Runner.
        loaders: task name -> dataloader config (or built dataloader).
        schedule: one cycle of task names (see :func:`~.schedule.round_robin_schedule`).
    """

    def __init__(self, runner: Any, loaders: Dict[str, Any], schedule: List[str]) -> None:
        super().__init__(runner, loaders)
        self.schedule = list(schedule)

    def task_of(self, iteration: int) -> str:
        """The task trained in ``iteration`` (0-based)."""
        return self.schedule[iteration % len(self.schedule)]

    def __iter__(self) -> Iterator[dict]:
        batches = {task: endless(loader) for task, loader in self.loaders.items()}
        iteration = 0
        while True:
            task = self.task_of(iteration)
            yield wrap_batch(task, next(batches[task]))
            iteration += 1
