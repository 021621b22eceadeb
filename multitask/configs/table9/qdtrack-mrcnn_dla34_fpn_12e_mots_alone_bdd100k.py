"""BDD100K paper, Table 9, row "MOTS (S)": the DLA-34 tracker with a mask head trained on the MOTS
set alone, from ImageNet weights (the paper: AP 13.0, MOTSA 30.4, MOTSP 81.8, FN 8352, FP 5116,
IDSW 566).

The zoo's MOTS model (QDTrack with an FCN mask head, 8 classes, 1296x720, 4 GPUs x 2 images) on the
DLA-34 backbone of Table 7's tracker, every module trained, on the seg_track_20 videos only, as the
only task of the round-robin loop: 18,000 iterations (12 epochs of the paper's 12K frames), SGD lr
0.01, steps at epochs 8 and 11, seed 0. Scored by the official MOTS metrics on seg_track_20 val.
"""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_mots_12e.py',
          '../../../configs/_base_/multitask/task_mots_qdtrack_mrcnn_dla34_fpn.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'mots')
