"""BDD100K paper, Table 8, row "Sem-Seg + Lane + Driv": the base semantic segmentation model
fine-tuned by training semantic segmentation jointly with lane marking and drivable area (the
paper: mIoU 53.3).

``dla34_512x1024_80k_sem_seg_alone_bdd100k.py`` plus the lane + drivable task: the zoo's model of
Table 5 (three lane heads and a drivable head on the images labelled for both, 512x1024 crops, 8
GPUs x 2 images). The paper's segmentation tasks share "DLA-34 as the base model" (section 5.1):
the two tasks share the DLA-34 backbone and the DLA-up neck; each keeps its heads. It starts from
the alone row's final checkpoint (train with ``--allow-missing-weights``: the lane and drivable
heads are not in it). The paper is silent on the ratio and the schedule; here the ratio is 1:1
(one sem_seg batch, one lane + drivable batch) and the single-task schedule is stretched over the
cycle (160,000 iterations, poly decay).
"""
_base_ = ['./dla34_512x1024_80k_sem_seg_alone_bdd100k.py',
          '../../../configs/_base_/multitask/task_lane_drivable_dla34.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'lane_drivable', shared=['backbone', 'neck'],
                                         ratio=dict(sem_seg=1, lane_drivable=1))
load_from = 'work_dirs/dla34_512x1024_80k_sem_seg_alone_bdd100k/iter_80000.pth'
