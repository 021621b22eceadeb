"""DLA image classifier for tagging: ``BDD100KDLA`` in classification mode and mmpretrain's ClsHead.

The model of the published DLA tagging models: the backbone ends in global average pooling and
the original DLA 1x1-conv classifier (``fc``), so published checkpoints load with their own keys
(``backbone.fc``); ClsHead only adds the loss. Configs set ``arch`` and ``num_classes``.
"""
model = dict(
    type='ImageClassifier',
    backbone=dict(type='BDD100KDLA', arch='dla34', num_classes=7),
    neck=None,
    head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss', loss_weight=1.0)),
)
