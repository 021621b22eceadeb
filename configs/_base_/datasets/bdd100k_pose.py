"""BDD100K pose_21, top-down: the published data setting with MSRA heatmaps at 256x192 input.

The earlier zoo's mmpose 0.x pipeline in mmpose 1.x form:

- person boxes padded 1.25x (aspect fixed to the input's), horizontal flip 0.5, half-body crops
  (at least 9 labelled joints, probability 0.3), random scale 0.5-1.5 and rotation (probability
  0.6), as mmpose 1.x ports 0.x's ``num_joints_half_body=8, prob_half_body=0.3, scale_factor=0.5,
  rot_factor=40``. Not expressible exactly in mmpose 1.x: 0.x drew scale and angle from normals
  clipped at 0.5-1.5 and +-80 degrees (sigma 0.5 and 40), 1.x from normals truncated there
  (``RandomBBoxTransform``: sigma 0.5 and 80 before truncation); 0.x's half body preferred the
  upper body with probability 0.69 (1.x: 0.7) and needed 3 joints of the chosen half (1.x: 2 upper
  or 3 lower). The earlier pipeline shifted no box: ``shift_prob=0``.
- Gaussian heatmaps at 1/4 of the input, sigma 2; the codec also decodes the model's output, so
  this file sets ``model.head.decoder`` and the flip test (heatmaps flipped and shifted) too.
- 64 crops per GPU x 4 GPUs for training, 32 per GPU for testing.
- Testing: the published numbers used the earlier zoo's detected person boxes
  (``person_det_for_bdd100k_val.json``, every box kept), which are not available; by default the
  labelled boxes are used. Set ``bbox_file`` of the val/test dataset to a Scalabel file of detected
  people (e.g. the ``preds.json`` of a det model of this zoo) and ``filter_cfg.bbox_score_thr`` to
  use detections.
- The metric groups people into frames, rescores and de-duplicates them as the earlier zoo did
  (box score x mean joint score above 0.2; OKS NMS 0.9) and scores them officially.

Other inputs or codecs: the ``bdd100k_pose_*.py`` files next to this one.
"""
dataset_type = 'BDD100KPoseDataset'
data_root = 'data/bdd100k/'
codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)

model = dict(head=dict(decoder=codec),
             test_cfg=dict(flip_test=True, flip_mode='heatmap', shift_heatmap=True))

train_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(type='RandomBBoxTransform', shift_prob=0.0),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs'),
]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs'),
]
train_dataloader = dict(
    batch_size=64,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='labels/pose_21/pose_train.json',
        data_prefix=dict(img='images/100k/train/'),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False, round_up=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file='labels/pose_21/pose_val.json',
        data_prefix=dict(img='images/100k/val/'),
        bbox_file=None,
        filter_cfg=dict(bbox_score_thr=0.0),
        test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader

val_evaluator = dict(type='BDD100KPoseMetric')
test_evaluator = val_evaluator
