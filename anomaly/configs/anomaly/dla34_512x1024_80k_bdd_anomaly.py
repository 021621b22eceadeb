"""The BDD100K paper's DLA-34 segmentation network (``bdd100k_dla34_up_seg.py``, ImageNet
initialised) on BDD-Anomaly (17 known classes by default), with the zoo's CNN sem_seg recipe
(512x1024 crops, SGD lr 0.01, poly, 80K iterations, 8 GPUs x 2 images), tested with every post-hoc
logit score (max logit primary, max softmax, entropy, energy); the ``*_sml_``, ``*_knn_``,
``*_flow_`` and ``*_mcdropout_`` variants add the others. No published weights.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_dla34_up_seg.py',
    '../../../configs/_base_/recipes/bdd_anomaly_80k.py',
    '../../../configs/_base_/models/bdd_anomaly_segmentor.py',
]
from bdd100k_zoo.config_edits.anomaly import anomaly_segmentor  # noqa: E402
model = anomaly_segmentor(_base_, known_classes=_base_.num_known_classes)
