"""CPU sample, sem_seg + det in batch-level round robin (Table 8's "Sem-Seg + Det" on the sample):
``dla34_sem_seg_alone_bdd100k_sample.py`` plus the det task of
``faster_rcnn_dla34_fpn_det_alone_bdd100k_sample.py``, sharing the DLA-34 backbone (det has an
FPN, sem_seg the DLA-up neck). Ratio 1:1; 160 iterations, the sample schedule stretched over the
cycle of two batches, so that each task gets the 80 batches of its alone config at the same
learning rates; seed 0. Both start from scratch (the paper fine-tunes its trained sem_seg model).
Not a published model."""
_base_ = ['./dla34_sem_seg_alone_bdd100k_sample.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_dla34_fpn_sample.py']
model = dict(tasks=dict(det=_base_.det_task.model), shared=['backbone'])
train_dataloader = dict(tasks=dict(det=_base_.det_task.train_dataloader),
                        ratio=dict(sem_seg=1, det=1))
val_dataloader = test_dataloader = dict(det=_base_.det_task.val_dataloader)
val_evaluator = test_evaluator = dict(det=_base_.pop('det_task').val_evaluator)
train_cfg = dict(max_iters=160, val_interval=160)
param_scheduler = [dict(_base_.param_scheduler[0], end=20),
                   dict(_base_.param_scheduler[1], begin=20, end=160)]
