"""BDD100K paper, Table 8, row "Sem-Seg": the DLA-34 semantic segmentation network trained alone
(the paper: mIoU 56.9), the base model the joint rows fine-tune.

The zoo's DLA-34 sem_seg config (``dla34_512x1024_80k_sem_seg_bdd100k.py``: the paper's network of
section 5.1, 512x1024 crops, 8 GPUs x 2 images) as the only task of the round-robin loop: 80,000
iterations, SGD lr 0.01 with poly decay, seed 0. The paper states no schedule.
"""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sem_seg_80k.py',
          '../../../configs/_base_/multitask/task_sem_seg_dla34.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'sem_seg')
