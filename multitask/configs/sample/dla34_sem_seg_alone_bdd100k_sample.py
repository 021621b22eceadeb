"""CPU sample, the sem_seg reference of ``dla34_det_sem_seg_bdd100k_sample.py``: its sem_seg task,
the zoo's DLA-34 sem_seg sample model and data (from scratch, 256x512 crops of 640x360 images, 4
images per batch, data/bdd100k_sample), trained alone in the round-robin loop for the 80
iterations of ``schedule_sample.py``, seed 0. Not a published model."""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sample.py',
          '../../../configs/_base_/multitask/task_sem_seg_dla34_sample.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'sem_seg')
