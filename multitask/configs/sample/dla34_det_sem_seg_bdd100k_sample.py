"""CPU sample, sem_seg + det in batch-level round robin (Table 8's "Sem-Seg + Det" on the sample):
``dla34_sem_seg_alone_bdd100k_sample.py`` plus the det task of
``faster_rcnn_dla34_fpn_det_alone_bdd100k_sample.py``, sharing the DLA-34 backbone (det has an
FPN, sem_seg the DLA-up neck). Ratio 1:1; 160 iterations, the sample schedule stretched over the
cycle of two batches, so that each task gets the 80 batches of its alone config at the same
learning rates; seed 0. Both start from scratch (the paper fine-tunes its trained sem_seg model).
Not a published model."""
_base_ = ['./dla34_sem_seg_alone_bdd100k_sample.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_dla34_fpn_sample.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'det', shared=['backbone'],
                                         ratio=dict(sem_seg=1, det=1))
