"""BDD100K instance segmentation with multi-scale training (the zoo's "MS-train"): the shorter side
is drawn from 600..720 in steps of 24 (longer side at most 1280); testing stays at 1280x720.
"""
_base_ = './bdd100k_ins_seg.py'

ms_scales = [(1280, short) for short in range(600, 721, 24)]
train_pipeline = [
    dict(type='LoadImageFromFile', backend_args={{_base_.backend_args}}),
    dict(type='BDD100KLoadInsSegAnnotations', with_bbox=True, with_mask=True),
    dict(type='RandomChoiceResize', scales=ms_scales, keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs', meta_keys={{_base_.meta_keys}}),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
