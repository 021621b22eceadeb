"""Anomaly scores on the generated sample, sized for a CPU: the DLA-34 of
``sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py`` (same model, same training data and
schedule, so its checkpoints load here unchanged) wrapped by ``BDD100KAnomalySegmentor``, tested on
the sample's ``anomaly`` split with every post-hoc logit score: max logit (primary), max softmax,
entropy, energy. Not a published model.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_dla34_up_seg.py',
    '../../../configs/_base_/datasets/bdd_anomaly_sample.py',
    '../../../configs/_base_/runtimes/seg.py',
    '../../../configs/_base_/schedules/bdd100k_seg_sample.py',
    '../../../configs/_base_/models/bdd_anomaly_segmentor.py',
]
from bdd100k_zoo.config_edits.anomaly import anomaly_segmentor  # noqa: E402
norm_cfg = dict(type='BN', requires_grad=True)
# the segmentor of dla34_sem_seg_bdd100k_sample.py
model = anomaly_segmentor(_base_, segmentor=dict(
    _base_.model, backbone=dict(_base_.model.backbone, norm_cfg=norm_cfg, init_cfg=None),
    neck=dict(_base_.model.neck, norm_cfg=norm_cfg),
    decode_head=dict(_base_.model.decode_head, channels=128, norm_cfg=norm_cfg)))
