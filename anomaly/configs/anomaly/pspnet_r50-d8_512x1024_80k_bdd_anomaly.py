"""PSPNet R-50-D8 on BDD-Anomaly (``bdd100k-zoo anomaly build``; 17 known classes by default), as
the benchmark's paper (Hendrycks et al., ICML 2022: PSPNet on a dilated ResNet-50, deep supervision
weight 0.4 = mmseg's FCN auxiliary head weight), trained with the zoo's published PSPNet sem_seg
recipe (512x1024 crops, SGD lr 0.01, poly, 80K iterations, 8 GPUs x 2 images) so its known-class
mIoU compares with the 19-class model's. The paper's optimiser is
``--cfg-options optim_wrapper.optimizer.lr=0.02 optim_wrapper.optimizer.weight_decay=0.0001``.
Hold out bicycle too: ``model.segmentor.decode_head.num_classes=16
model.segmentor.auxiliary_head.num_classes=16`` and the root built with ``--held-out train
motorcycle bicycle``.

Tested with every post-hoc logit score (max logit primary, max softmax, entropy, energy); the
``*_sml_``, ``*_knn_``, ``*_flow_`` and ``*_mcdropout_`` variants add the others. No published
weights.
"""
_base_ = [
    'mmseg::_base_/models/pspnet_r50-d8.py',
    '../../../configs/_base_/recipes/bdd_anomaly_80k.py',
    '../../../configs/_base_/models/bdd_anomaly_segmentor.py',
]
from bdd100k_zoo.config_edits.anomaly import anomaly_segmentor  # noqa: E402
model = anomaly_segmentor(_base_, known_classes=_base_.num_known_classes)
