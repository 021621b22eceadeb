"""BDD100K paper, Table 6, row "Inst-Seg + Det": Mask R-CNN R-50-FPN trained on the instance
segmentation and detection sets "in a batch-level round-robin manner" (the paper: AP 24.5).

``mask_rcnn_r50_fpn_1x_ins_seg_alone_bdd100k.py`` plus the det task: the zoo's det Faster R-CNN
R-50-FPN 1x config (10 classes, 1280x720, 8 GPUs x 4 images). The paper is silent on what is
shared, the ratio and the schedule; here:

- shared: every class-agnostic module of the two R-CNNs, the ResNet-50 backbone, the FPN, the RPN
  head and the box head's two shared fully connected layers. The box classifier and regressor stay
  per task (det has 10 classes, ins_seg 8), and only ins_seg has a mask head;
- ratio 1:1, alternating one ins_seg batch and one det batch;
- schedule: the single-task schedule stretched over the cycle of two batches, 10,500 iterations
  with warmup over 1,000 and steps at 7,000 and 9,626, so that ins_seg gets the 5,250 batches of
  the alone row at the same learning rates and det as many.
"""
_base_ = ['./mask_rcnn_r50_fpn_1x_ins_seg_alone_bdd100k.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_r50_fpn_1x.py']
model = dict(tasks=dict(det=_base_.det_task.model),
             shared=['backbone', 'neck', 'rpn_head', 'roi_head.bbox_head.shared_fcs'])
train_dataloader = dict(tasks=dict(det=_base_.det_task.train_dataloader),
                        ratio=dict(ins_seg=1, det=1))
val_dataloader = test_dataloader = dict(det=_base_.det_task.val_dataloader)
val_evaluator = test_evaluator = dict(det=_base_.pop('det_task').val_evaluator)
train_cfg = dict(max_iters=10500, val_interval=10500)
param_scheduler = [dict(_base_.param_scheduler[0], end=1000),
                   dict(_base_.param_scheduler[1], end=10500, milestones=[7000, 9626])]
