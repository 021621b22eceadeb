"""``dla34_void_anomaly_bdd100k_sample.py`` with the open-set head of the VCA paper
(``bdd_anomaly_vca_head.py``) in place of the 1x1 classifier, sized for a CPU: 19 learnable
prototypes of the head's 128-wide embeddings plus the unknown logit, trained on the unlabelled
pixels (relabelled 19), the contrastive loss on 64 pixels per class. Not a published model."""
_base_ = ['./dla34_void_anomaly_bdd100k_sample.py',
          '../../../configs/_base_/models/bdd_anomaly_vca_head.py']
from bdd100k_zoo.config_edits.anomaly import open_set_head  # noqa: E402
_base_.vca_head.segmentor.decode_head.contrastive_loss.max_per_class = 64
model = open_set_head(_base_)
