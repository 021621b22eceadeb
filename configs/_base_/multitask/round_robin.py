"""Runtime of the multitask configs (``multitask/configs/``, issue 18): one
``BDD100KMultiTaskModel`` holding a model per task, trained in batch-level round robin (each
iteration takes one batch of one task, in the ratio of ``train_dataloader.ratio``), each task scored
by its own official metric in the same validation run.

A config lists this file, a schedule (``schedule_*.py``: the optimizer, the learning rates and the
round-robin training loop of one task alone) and the task pieces of ``configs/_base_/multitask/``
(``task_*.py``: ``<task>_task``, the model, loaders and metric of a zoo single-task config taken by
``as_task`` of ``bdd100k_zoo.config_edits.multitask``; the mmdet tasks are built under the default
scope, the mmseg ones carry ``_scope_='mmseg'``). It adds the tasks with ``add_tasks`` of the same
module, which also stretches the schedule over the round-robin cycle, and a joint config adds its
tasks to an alone config the same way. Checkpoints are saved every 5,000 iterations (the last three
kept) and at the end. The heads of the tasks not in an iteration's batch get no gradient in that
iteration, hence ``find_unused_parameters``. The seed is fixed, so that a task trained alone and
jointly sees the same initial weights and data order.
"""
_base_ = 'mmdet::_base_/default_runtime.py'

custom_imports = dict(
    imports=['bdd100k_zoo.det', 'bdd100k_zoo.seg', 'bdd100k_zoo.track', 'bdd100k_zoo.multitask'],
    allow_failed_imports=False)
model = dict(type='BDD100KMultiTaskModel', tasks=dict(), shared=[])
train_dataloader = dict(tasks=dict(), ratio=dict())
val_cfg = dict(type='BDD100KMultiTaskValLoop')
test_cfg = dict(type='BDD100KMultiTaskTestLoop')
model_wrapper_cfg = dict(type='MMDistributedDataParallel', find_unused_parameters=True)
randomness = dict(seed=0)

default_hooks = dict(checkpoint=dict(by_epoch=False, interval=5000, max_keep_ckpts=3),
                     visualization=dict(draw=False))
log_processor = dict(by_epoch=False)
