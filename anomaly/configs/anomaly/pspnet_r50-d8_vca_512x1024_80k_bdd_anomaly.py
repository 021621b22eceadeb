"""``pspnet_r50-d8_void_512x1024_80k_bdd_anomaly.py`` with the open-set head of the VCA paper
(``bdd_anomaly_vca_head.py``) in place of the PSP head's 1x1 classifier: 17 learnable prototypes
of its 512-wide embeddings plus the unknown logit, trained on the unlabelled pixels (relabelled
17; the auxiliary FCN head keeps its void output); drop its contrastive loss with ``--cfg-options
model.segmentor.decode_head.contrastive_loss=None``. No published weights."""
_base_ = ['./pspnet_r50-d8_void_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_vca_head.py']
from bdd100k_zoo.config_edits.anomaly import open_set_head  # noqa: E402
model = open_set_head(_base_)
