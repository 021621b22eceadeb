"""CPU sample, ins_seg alone (the reference of ``mask_rcnn_r18_fpn_det_ins_seg_bdd100k_sample.py``):
the zoo's ins_seg sample model and data (Mask R-CNN R-18-FPN from scratch, 640x360, 4 images per
batch, data/bdd100k_sample) as the only task of the round-robin loop, 80 iterations of
``schedule_sample.py``, seed 0. Not a published model."""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sample.py',
          '../../../configs/_base_/multitask/task_ins_seg_mask_rcnn_r18_fpn_sample.py']
model = dict(tasks=dict(ins_seg=_base_.ins_seg_task.model))
train_dataloader = dict(tasks=dict(ins_seg=_base_.ins_seg_task.train_dataloader))
val_dataloader = test_dataloader = dict(ins_seg=_base_.ins_seg_task.val_dataloader)
val_evaluator = test_evaluator = dict(ins_seg=_base_.pop('ins_seg_task').val_evaluator)
