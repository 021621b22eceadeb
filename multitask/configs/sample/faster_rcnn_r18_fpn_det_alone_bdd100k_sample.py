"""CPU sample, det alone (the reference of ``mask_rcnn_r18_fpn_det_ins_seg_bdd100k_sample.py``):
the zoo's det sample model and data (Faster R-CNN R-18-FPN from scratch, 640x360, 4 images per
batch, data/bdd100k_sample) as the only task of the round-robin loop, 80 iterations of
``schedule_sample.py``, seed 0. Not a published model."""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sample.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_r18_fpn_sample.py']
model = dict(tasks=dict(det=_base_.det_task.model))
train_dataloader = dict(tasks=dict(det=_base_.det_task.train_dataloader))
val_dataloader = test_dataloader = dict(det=_base_.det_task.val_dataloader)
val_evaluator = test_evaluator = dict(det=_base_.pop('det_task').val_evaluator)
