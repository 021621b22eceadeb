"""CPU sample, det + ins_seg in batch-level round robin (Table 6's experiment on the sample):
``faster_rcnn_r18_fpn_det_alone_bdd100k_sample.py`` plus the ins_seg sample task, sharing what
Table 6's config shares (the R-18 backbone, the FPN, the RPN head and the box head's shared fully
connected layers; each task keeps its classifier and regressor, ins_seg its mask head). Ratio 1:1;
160 iterations, the sample schedule stretched over the cycle of two batches, so that each task gets
the 80 batches of its alone config at the same learning rates; seed 0. Not a published model."""
_base_ = ['./faster_rcnn_r18_fpn_det_alone_bdd100k_sample.py',
          '../../../configs/_base_/multitask/task_ins_seg_mask_rcnn_r18_fpn_sample.py']
model = dict(tasks=dict(ins_seg=_base_.ins_seg_task.model),
             shared=['backbone', 'neck', 'rpn_head', 'roi_head.bbox_head.shared_fcs'])
train_dataloader = dict(tasks=dict(ins_seg=_base_.ins_seg_task.train_dataloader),
                        ratio=dict(det=1, ins_seg=1))
val_dataloader = test_dataloader = dict(ins_seg=_base_.ins_seg_task.val_dataloader)
val_evaluator = test_evaluator = dict(ins_seg=_base_.pop('ins_seg_task').val_evaluator)
train_cfg = dict(max_iters=160, val_interval=160)
param_scheduler = [dict(_base_.param_scheduler[0], end=20),
                   dict(_base_.param_scheduler[1], begin=20, end=160)]
