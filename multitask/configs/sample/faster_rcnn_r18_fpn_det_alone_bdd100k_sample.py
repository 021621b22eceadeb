"""CPU sample, the det reference of ``mask_rcnn_r18_fpn_det_ins_seg_bdd100k_sample.py``: its det
task, the zoo's det sample model and data (Faster R-CNN R-18-FPN from scratch, 640x360, 4 images
per batch, data/bdd100k_sample), trained alone in the round-robin loop (80 iterations of
``schedule_sample.py``, seed 0). Not a published model."""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sample.py',
          '../../../configs/_base_/multitask/task_det_faster_rcnn_r18_fpn_sample.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'det')
