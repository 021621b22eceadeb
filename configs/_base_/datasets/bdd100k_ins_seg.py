"""BDD100K instance segmentation (ins_seg): the published setting, 1280x720, 2 images per GPU x 8
GPUs; the images, loaders and test pipeline of ``bdd100k_det.py`` (boxes of at least 32 pixels).

Trains on ``images/10k/train`` (the earlier zoo's configs pointed the training set at the val image
folder) with the official RLE labels; the metric scores against the same label file. To read the
bitmask PNGs instead, set ``ann_file=''`` and ``data_prefix=dict(img=..., seg='labels/ins_seg/
bitmasks/<split>')``.
"""
_base_ = './bdd100k_det.py'
dataset_type = 'BDD100KInsSegDataset'

# the training pipeline of det, loading the instance masks with the boxes
train_pipeline = _base_.train_pipeline
train_pipeline[1] = dict(type='BDD100KLoadInsSegAnnotations', with_bbox=True, with_mask=True)
train_dataloader = dict(
    batch_size=2,
    num_workers=2,
    dataset=dict(type=dataset_type, ann_file='labels/ins_seg/rles/ins_seg_train.json',
                 data_prefix=dict(img='images/10k/train/'), pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(
    dataset=dict(type=dataset_type, ann_file='labels/ins_seg/rles/ins_seg_val.json',
                 data_prefix=dict(img='images/10k/val/')))
val_evaluator = test_evaluator = dict(type='BDD100KInsSegMetric')
