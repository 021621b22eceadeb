"""BDD100K paper, Table 7, row "MOT": the DLA-34 Faster R-CNN tracker trained on the MOT set alone
(the paper: AP 28.1, MOTA 55.0, MOTP 84.0, IDS 8386).

The zoo's QDTrack with a DLA-34 Faster R-CNN (``qdtrack-frcnn_dla34_fpn_12e_mot_bdd100k.py``; the
paper's tracker details are in its supplementary material, not available here) trained on the
box_track_20 videos only, as the only task of the round-robin loop, so that it trains exactly as in
the joint row: 208,500 iterations (12 epochs of the 278K frames at 8 GPUs x 2 images), SGD lr 0.02,
steps at epochs 8 and 11, seed 0. Scored by the official MOT metrics on box_track_20 val.
"""
_base_ = ['../../../configs/_base_/multitask/round_robin.py',
          '../../../configs/_base_/multitask/schedule_mot_12e.py',
          '../../../configs/_base_/multitask/task_mot_qdtrack_dla34_fpn.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'mot')
