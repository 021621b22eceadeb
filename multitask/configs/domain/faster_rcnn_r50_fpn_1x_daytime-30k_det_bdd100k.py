"""BDD100K paper, Table 4, row Daytime-30K: Faster R-CNN R-50-FPN trained on 30,000 frames
drawn at random (seed 0) from the daytime frames of det_20 train.

Random-30K otherwise: the same recipe and the same domain scores of val in one test run.
"""
_base_ = ['./faster_rcnn_r50_fpn_1x_random-30k_det_bdd100k.py']

train_dataloader = dict(dataset=dict(frame_filter=dict(include=dict(timeofday='daytime'))))
