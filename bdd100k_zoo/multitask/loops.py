"""The loops of multitask training: round-robin training, validation and test of every task."""
from typing import Any, Dict, List, Optional, Sequence, Tuple

import torch
from mmengine.evaluator import Evaluator
from mmengine.registry import LOOPS, DefaultScope
from mmengine.runner import BaseLoop, IterBasedTrainLoop, autocast

from .batch import unwrap_batch
from .loaders import RoundRobinLoaders, TaskLoaders
from .schedule import round_robin_schedule


@LOOPS.register_module()
class BDD100KRoundRobinTrainLoop(IterBasedTrainLoop):
    """Iteration-based training in batch-level round robin over the tasks' dataloaders.

    ``train_dataloader = dict(tasks=dict(<task>=<dataloader config>, ...), ratio=dict(<task>=n))``:
    every cycle trains ``ratio[t]`` consecutive batches of each task ``t`` in the order of
    ``tasks`` (see :func:`~.schedule.round_robin_schedule`). Iteration ``i``'s task depends on
    ``i`` alone, so every DDP rank trains the same task and resuming at iteration ``i`` (mmengine
    replays the first ``i`` batches) continues the same schedule with the same data.

    Args:
        runner: the mmengine Runner.
        dataloader: ``dict(tasks=..., ratio=...)`` as above.
        max_iters, val_begin, val_interval, dynamic_intervals: as for ``IterBasedTrainLoop``.

    Raises:
        ValueError: ``dataloader`` has no ``tasks``, or a bad ``ratio``.
    """

    def __init__(self, runner: Any, dataloader: dict, max_iters: int, val_begin: int = 1,
                 val_interval: int = 1000,
                 dynamic_intervals: Optional[List[Tuple[int, int]]] = None) -> None:
        if not isinstance(dataloader, dict) or not dataloader.get('tasks'):
            raise ValueError('BDD100KRoundRobinTrainLoop needs train_dataloader = '
                             'dict(tasks=dict(<task>=<dataloader config>, ...), ratio=...)')
        unknown = sorted(set(dataloader) - {'tasks', 'ratio'})
        if unknown:
            raise ValueError(f'train_dataloader of a multitask config takes `tasks` and `ratio`, '
                             f'not {unknown} (put them in each task\'s dataloader)')
        schedule = round_robin_schedule(list(dataloader['tasks']), dataloader.get('ratio'))
        loaders = RoundRobinLoaders(runner, dataloader['tasks'], schedule)
        super().__init__(runner, loaders, max_iters, val_begin=val_begin,
                         val_interval=val_interval, dynamic_intervals=dynamic_intervals)


def _prefixed(task: str, metrics: Dict[str, Any]) -> Dict[str, Any]:
    """The metrics of ``task`` with every key prefixed ``<task>/`` unless it already is."""
    prefix = f'{task}/'
    return {key if key.startswith(prefix) else prefix + key: value
            for key, value in metrics.items()}


class MultiTaskEvalLoop(BaseLoop):
    """Evaluates every task in turn: its dataloader through the model, then its own evaluator;
    the hooks are called as by mmengine's ValLoop / TestLoop, over the batches of every task
    (``batch_idx`` counts on across tasks), and the metrics of all tasks are merged, each key
    prefixed with its task (``det/bdd100k/AP``) unless it already is.

    Args:
        runner: the mmengine Runner.
        dataloader: task name -> dataloader config.
        evaluator: task name -> evaluator (metric) config; the same tasks as ``dataloader``.
        fp16: run the model under autocast.

    Raises:
        ValueError: the tasks of ``dataloader`` and ``evaluator`` differ.
    """

    #: 'val' or 'test': which hooks are called and which model step runs.
    stage = ''

    def __init__(self, runner: Any, dataloader: Dict[str, Any], evaluator: Dict[str, Any],
                 fp16: bool = False) -> None:
        name = f'{self.stage}_dataloader'
        if not isinstance(dataloader, dict) or not isinstance(evaluator, dict) \
                or set(dataloader) != set(evaluator):
            raise ValueError(
                f'a multitask {name} and {self.stage}_evaluator are dicts task -> config with the '
                f'same tasks, got {_keys(dataloader)} and {_keys(evaluator)}')
        super().__init__(runner, TaskLoaders(runner, dataloader))
        self.evaluators = {task: self._build_evaluator(runner, evaluator[task], task)
                           for task in dataloader}
        self.fp16 = fp16

    def _build_evaluator(self, runner: Any, cfg: Any, task: str) -> Evaluator:
        """The evaluator of ``task``, built under its metric's scope, given its dataset's meta."""
        scopes = [metric.get('_scope_') for metric in (cfg if isinstance(cfg, list) else [cfg])
                  if isinstance(metric, dict)]
        with DefaultScope.overwrite_default_scope(scopes[0] if scopes else None):
            evaluator = runner.build_evaluator(cfg)
        evaluator.dataset_meta = getattr(self.dataloader.loaders[task].dataset, 'metainfo', None)
        return evaluator

    def run(self) -> dict:
        """Evaluates every task; returns the merged metrics."""
        self.runner.call_hook(f'before_{self.stage}')
        self.runner.call_hook(f'before_{self.stage}_epoch')
        self.runner.model.eval()
        for idx, batch in enumerate(self.dataloader):
            self.run_iter(idx, batch)
        metrics: Dict[str, Any] = {}
        for task, evaluator in self.evaluators.items():
            size = len(self.dataloader.loaders[task].dataset)
            metrics.update(_prefixed(task, evaluator.evaluate(size)))
        self.runner.call_hook(f'after_{self.stage}_epoch', metrics=metrics)
        self.runner.call_hook(f'after_{self.stage}')
        return metrics

    @torch.no_grad()
    def run_iter(self, idx: int, data_batch: dict) -> None:
        """Runs the model on one task batch and gives the outputs to that task's evaluator."""
        self.runner.call_hook(f'before_{self.stage}_iter', batch_idx=idx, data_batch=data_batch)
        with autocast(enabled=self.fp16):
            outputs = getattr(self.runner.model, f'{self.stage}_step')(data_batch)
        task, data = unwrap_batch(data_batch)
        self.evaluators[task].process(data_samples=outputs, data_batch=data)
        self.runner.call_hook(f'after_{self.stage}_iter', batch_idx=idx, data_batch=data_batch,
                              outputs=outputs)


def _keys(value: Any) -> Sequence:
    """The keys of a dict config (or its type name) for error messages."""
    return list(value) if isinstance(value, dict) else type(value).__name__


@LOOPS.register_module()
class BDD100KMultiTaskValLoop(MultiTaskEvalLoop):
    """Validation of every task of a multitask model (``val_dataloader`` / ``val_evaluator``:
    task -> config); see :class:`MultiTaskEvalLoop`."""

    stage = 'val'


@LOOPS.register_module()
class BDD100KMultiTaskTestLoop(MultiTaskEvalLoop):
    """Test of every task of a multitask model (``test_dataloader`` / ``test_evaluator``:
    task -> config); see :class:`MultiTaskEvalLoop`."""

    stage = 'test'
