"""One model, several tasks, one backbone: the BDD100K paper's heterogeneous multitask training.

Task models of different libraries (an mmdet detector, an mmseg segmentor, ...) share modules
such as the backbone and are trained in batch-level round robin, each task scored by its own metric
in the same validation run. Everything here is registered in mmengine's root registries, so a
config of any ``default_scope`` finds it; each task's config names its library with ``_scope_``.
Depends on torch and mmengine only, never on a side or a task library.
"""
from .batch import unwrap_batch, wrap_batch
from .checkpoint import NotMultiTaskCheckpointError, extract_task_checkpoint
from .loops import BDD100KMultiTaskTestLoop, BDD100KMultiTaskValLoop, BDD100KRoundRobinTrainLoop
from .model import BDD100KMultiTaskDataPreprocessor, BDD100KMultiTaskModel
from .schedule import round_robin_schedule

__all__ = [
    'BDD100KMultiTaskModel', 'BDD100KMultiTaskDataPreprocessor', 'BDD100KRoundRobinTrainLoop',
    'BDD100KMultiTaskValLoop', 'BDD100KMultiTaskTestLoop', 'round_robin_schedule', 'wrap_batch',
    'unwrap_batch', 'extract_task_checkpoint', 'NotMultiTaskCheckpointError'
]
