"""The instance segmentation model that starts the "InstSeg (I) + MOTS" row of the BDD100K paper's
Table 9 (not a row of its own): Mask R-CNN on the DLA-34 backbone and FPN of Table 7's tracker,
trained on the ins_seg set alone.

The zoo's ins_seg Mask R-CNN 1x config (8 classes, 1280x720, 8 GPUs x 2 images) with that
backbone, as the only task of the round-robin loop: 5,250 iterations (12 epochs of the 7,000
images), SGD lr 0.02, steps at epochs 8 and 11, seed 0. Its detector has the modules and shapes of
the MOTS model's detector, which loads it.
"""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_ins_seg_1x.py',
          '../../../configs/_base_/multitask/task_ins_seg_mask_rcnn_dla34_fpn.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'ins_seg')
