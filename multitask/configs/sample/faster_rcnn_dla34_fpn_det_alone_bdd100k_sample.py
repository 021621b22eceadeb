"""CPU sample, det alone on DLA-34 (the reference of ``dla34_det_sem_seg_bdd100k_sample.py``): the
zoo's det sample model and data (Faster R-CNN from scratch, 640x360, 4 images per batch,
data/bdd100k_sample) on the sem_seg sample's DLA-34 backbone, as the only task of the round-robin
loop, 80 iterations of ``schedule_sample.py``, seed 0. Not a published model."""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sample.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_dla34_fpn_sample.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'det')
