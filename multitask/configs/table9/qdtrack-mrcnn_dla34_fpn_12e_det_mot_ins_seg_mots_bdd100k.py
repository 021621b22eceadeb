"""BDD100K paper, Table 9, row "Det + T + I + S": detection, tracking, instance segmentation and
MOTS trained jointly, fine-tuning the jointly trained detection and tracking model of Table 7 (the
paper: AP 23.3, MOTSA 41.4, MOTSP 81.6, FN 5132, FP 6228, IDSW 472).

``qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py`` plus three tasks: det and MOT as in Table 7's
joint row, and ins_seg (the Mask R-CNN of ``mask_rcnn_dla34_fpn_1x_ins_seg_alone_bdd100k.py``).
The four tasks share the DLA-34 backbone, as det and MOT do in Table 7. It starts from the final
checkpoint of Table 7's ``qdtrack-frcnn_dla34_fpn_12e_mot_det_bdd100k.py`` (its det and MOT weights
load by name; the ins_seg and MOTS heads are not in it: train with ``--allow-missing-weights``).
The paper is silent on the ratio and the schedule; here the ratio is 1:1:1:1 and the MOTS schedule
is stretched over the cycle of four batches (72,000 iterations, warmup over 4,000, steps at 48,000
and 66,000), so that MOTS gets the batches of the alone row at the same learning rates and each
other task as many.
"""
_base_ = ['./qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_dla34_fpn.py',
          '../../../configs/_base_/multitask/task_mot_qdtrack_dla34_fpn.py',
          '../../../configs/_base_/multitask/task_ins_seg_mask_rcnn_dla34_fpn.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(
    _base_, 'det', 'mot', 'ins_seg', ratio=dict(mots=1, det=1, mot=1, ins_seg=1),
    shared=[dict(mots='detector.backbone', det='backbone', mot='detector.backbone',
                 ins_seg='backbone')])
load_from = 'work_dirs/qdtrack-frcnn_dla34_fpn_12e_mot_det_bdd100k/iter_417000.pth'
