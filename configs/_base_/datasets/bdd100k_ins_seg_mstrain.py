"""BDD100K instance segmentation with multi-scale training (the zoo's "MS-train"): the shorter side
is drawn from 600..720 in steps of 24 (longer side at most 1280); testing stays at 1280x720.
"""
_base_ = './bdd100k_ins_seg.py'

ms_scales = [(1280, short) for short in range(600, 721, 24)]
train_pipeline = _base_.train_pipeline
train_pipeline[2] = dict(type='RandomChoiceResize', scales=ms_scales, keep_ratio=True)
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
