"""CPU sample, sem_seg alone (the reference of ``dla34_det_sem_seg_bdd100k_sample.py``): the zoo's
DLA-34 sem_seg sample model and data (from scratch, 256x512 crops of 640x360 images, 4 images per
batch, data/bdd100k_sample) as the only task of the round-robin loop, 80 iterations of
``schedule_sample.py``, seed 0. Not a published model."""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sample.py',
          '../../../configs/_base_/multitask/task_sem_seg_dla34_sample.py']
model = dict(tasks=dict(sem_seg=_base_.sem_seg_task.model))
train_dataloader = dict(tasks=dict(sem_seg=_base_.sem_seg_task.train_dataloader))
val_dataloader = test_dataloader = dict(sem_seg=_base_.sem_seg_task.val_dataloader)
val_evaluator = test_evaluator = dict(sem_seg=_base_.pop('sem_seg_task').val_evaluator)
