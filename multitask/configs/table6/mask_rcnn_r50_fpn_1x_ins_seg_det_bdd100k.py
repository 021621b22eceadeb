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
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'det', ratio=dict(ins_seg=1, det=1), shared=[
    'backbone', 'neck', 'rpn_head', 'roi_head.bbox_head.shared_fcs'])
