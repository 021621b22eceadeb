"""The multitask model: task models of several libraries in one mmengine model, sharing modules."""
from typing import Dict, List, Optional, Sequence, Union

import torch
from mmengine.model import BaseDataPreprocessor, BaseModel
from mmengine.registry import MODELS
from torch import nn

from .batch import unwrap_batch
from .sharing import share_modules


@MODELS.register_module()
class BDD100KMultiTaskDataPreprocessor(BaseDataPreprocessor):
    """Preprocesses a task batch (``dict(task=..., data=...)``) with that task model's own
    preprocessor; returns ``dict(task=..., inputs=..., data_samples=...)``.

    Args:
        preprocessors: task name -> the task model's data preprocessor (the same objects).
    """

    def __init__(self, preprocessors: Dict[str, nn.Module]) -> None:
        super().__init__()
        self.preprocessors = nn.ModuleDict(preprocessors)

    def forward(self, data: dict, training: bool = False) -> dict:
        """Runs the preprocessor of the batch's task.

        Raises:
            TypeError: ``data`` is not a task batch.
            KeyError: its task is not one of the model's.
        """
        task, batch = unwrap_batch(data)
        if task not in self.preprocessors:
            raise KeyError(f'batch of task {task!r}, but the model has tasks '
                           f'{list(self.preprocessors)}')
        return dict(task=task, **self.preprocessors[task](batch, training))


@MODELS.register_module()
class BDD100KMultiTaskModel(BaseModel):
    """Several task models trained together, each batch from one task (batch-level round robin).

    Each task model is a whole model config of its own library, built under its ``_scope_`` (e.g.
    an mmdet ``FasterRCNN`` with ``_scope_='mmdet'`` beside an mmseg ``EncoderDecoder`` with
    ``_scope_='mmseg'``); it keeps its own data preprocessor, losses and predictions. The modules
    named in ``shared`` are the first task's, set into every other task: one set of weights that
    every task's loss trains; a dict entry names the module's path in each task sharing it, for
    task models that hold it at other paths. Losses come back prefixed with ``<task>.``.

    Args:
        tasks: task name -> model config (or a built model).
        shared: dotted attribute paths of the task models to share, e.g. ``['backbone', 'neck']``,
            or dicts task -> path, e.g. ``dict(mot='detector.backbone', det='backbone')``.
        init_cfg: as for every mmengine model.

    Raises:
        ValueError: no task, or a shared path that a task lacks or whose weights differ in shape.
    """

    def __init__(self, tasks: Dict[str, Union[dict, nn.Module]],
                 shared: Sequence[Union[str, Dict[str, str]]] = (),
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not tasks:
            raise ValueError('BDD100KMultiTaskModel needs at least one task in `tasks`')
        models = {name: cfg if isinstance(cfg, nn.Module) else MODELS.build(cfg)
                  for name, cfg in tasks.items()}
        share_modules(models, list(shared))
        self.tasks = nn.ModuleDict(models)
        self.data_preprocessor = BDD100KMultiTaskDataPreprocessor(
            {name: model.data_preprocessor for name, model in models.items()})

    def forward(self, inputs: torch.Tensor, data_samples: Optional[List] = None,
                mode: str = 'tensor', task: Optional[str] = None) -> Union[Dict[str, torch.Tensor],
                                                                         list]:
        """Runs the task model of ``task`` in ``mode``; losses are prefixed with ``<task>.``.

        Raises:
            KeyError: ``task`` is not one of the model's tasks.
        """
        if task not in self.tasks:
            raise KeyError(f'task {task!r} is not one of the model\'s tasks {list(self.tasks)}')
        outputs = self.tasks[task](inputs, data_samples, mode=mode)
        if mode == 'loss':
            return {f'{task}.{name}': value for name, value in outputs.items()}
        return outputs
