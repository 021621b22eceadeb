"""BDD100K paper, Table 6, row "Inst-Seg": Mask R-CNN R-50-FPN trained on the instance segmentation
set alone (the paper: AP 21.8).

The zoo's ins_seg Mask R-CNN R-50-FPN 1x config (8 classes, 1280x720, 8 GPUs x 2 images) as the
only task of the round-robin loop, so that it trains exactly as in the joint row: 5,250 iterations
(12 epochs of the 7,000 images), SGD lr 0.02, steps at epochs 8 and 11, seed 0.
"""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_ins_seg_1x.py',
          '../../../configs/_base_/multitask/task_ins_seg_mask_rcnn_r50_fpn_1x.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'ins_seg')
