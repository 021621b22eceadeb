"""CPU sample, the ins_seg reference of ``mask_rcnn_r18_fpn_det_ins_seg_bdd100k_sample.py``: its
ins_seg task, the zoo's ins_seg sample model and data (Mask R-CNN R-18-FPN from scratch, 640x360, 4
images per batch, data/bdd100k_sample), the only task of the round-robin loop; seed 0, 80
iterations of ``schedule_sample.py``. Not a published model."""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_sample.py',
          '../../../configs/_base_/multitask/task_ins_seg_mask_rcnn_r18_fpn_sample.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'ins_seg')
