"""BDD100K paper, Table 7, row "MOT + Det": the DLA-34 Faster R-CNN tracker trained jointly with
detection (the paper: AP 30.7, MOTA 56.7, MOTP 84.1, IDS 9098).

``qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py`` plus the det task: the tracker's own Faster
R-CNN with the 10 det classes on det_20 (1280x720, 8 GPUs x 4 images), "a modified version of
Faster R-CNN with a shared DLA-34 backbone" (the paper, section 5.2): the two tasks share the
DLA-34 backbone only. The paper is silent on the ratio and the schedule; here the ratio is 1:1 and
the single-task schedule is stretched over the cycle of two batches (417,000 iterations, warmup
over 2,000, steps at 278,000 and 382,250), so that MOT gets the batches of the alone row at the same
learning rates and det as many. The paper's AP column is the detection metric; we read it as the
box AP of the det task on det_20 val.
"""
_base_ = ['./qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_dla34_fpn.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'det', ratio=dict(mot=1, det=1),
                                         shared=[dict(mot='detector.backbone', det='backbone')])
