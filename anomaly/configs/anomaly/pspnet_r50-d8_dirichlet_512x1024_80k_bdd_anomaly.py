"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py`` as a Dirichlet prior network
(``bdd_anomaly_dirichlet_head.py``): the 17 logits of both heads give the concentrations
``exp(z)``, the auxiliary head's loss weighted 0.4 as its cross entropy was; the pixels BDD-
Anomaly leaves unlabelled, relabelled 254 by ``BDD100KRelabelVoid`` after the crop and flip,
train the flat ``Dir(1, ..., 1)``. No published weights."""
_base_ = ['./pspnet_r50-d8_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_dirichlet_head.py']
from bdd100k_zoo.config_edits.anomaly import dirichlet_prior_network  # noqa: E402
dirichlet_loss = _base_.dirichlet_loss  # a setting of this config, as it has always been
train_pipeline, train_dataloader, model = dirichlet_prior_network(_base_)
