"""BDD100K paper, Table 4, row Random-30K: Faster R-CNN R-50-FPN trained on 30,000 det_20 training
frames drawn at random (seed 0), scored on the whole val split and on each of its domains.

Everything else is the zoo's det Faster R-CNN R-50-FPN 1x recipe. One ``mim test`` gives Table 4's
columns: ``bdd100k/AP`` (Val), ``bdd100k/scene=city street/city street/AP`` (City),
``.../not city street/AP`` (Non-City), ``bdd100k/timeofday=daytime/daytime/AP`` (Daytime) and
``.../not daytime/AP`` (Non-Daytime). The domain rows inherit this config and add the attributes
their 30,000 frames are drawn from.
"""
_base_ = ['../../../det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py']

train_dataloader = dict(dataset=dict(frame_filter=dict(num_frames=30000, seed=0)))
val_evaluator = dict(slice_by=('scene=city street', 'timeofday=daytime'))
test_evaluator = val_evaluator
