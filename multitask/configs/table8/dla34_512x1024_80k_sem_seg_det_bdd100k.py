"""BDD100K paper, Table 8, row "Sem-Seg + Det": the base semantic segmentation model fine-tuned by
training semantic segmentation jointly with detection (the paper: mIoU 58.3).

``dla34_512x1024_80k_sem_seg_alone_bdd100k.py`` plus the det task of the DLA-34 experiments (the
tracker's Faster R-CNN of Table 7 with the 10 det classes, det_20 at 1280x720, 8 GPUs x 4 images),
sharing the DLA-34 backbone (det has an FPN, sem_seg the DLA-up neck). It starts from the alone
row's final checkpoint ("we fine-tune a base semantic segmentation model by jointly training");
the det heads are not in it (train with ``--allow-missing-weights``). The paper is silent on the
ratio and the fine-tuning schedule; here the ratio is 1:1 and the single-task schedule is stretched
over the cycle of two batches (160,000 iterations, poly decay), so that sem_seg gets 80,000 batches
at the learning rates of the alone row, and det as many.
"""
_base_ = ['./dla34_512x1024_80k_sem_seg_alone_bdd100k.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_dla34_fpn.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'det', shared=['backbone'],
                                         ratio=dict(sem_seg=1, det=1))
load_from = 'work_dirs/dla34_512x1024_80k_sem_seg_alone_bdd100k/iter_80000.pth'
