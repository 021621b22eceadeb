"""``dla34_anomaly_bdd100k_sample.py`` as a Dirichlet prior network
(``bdd_anomaly_dirichlet_head.py``), sized for a CPU: the head's 19 logits give the
concentrations ``exp(z)``; the sample's unlabelled pixels, relabelled 254 by
``BDD100KRelabelVoid`` after the crop and flip, train the flat ``Dir(1, ..., 1)``. Not a
published model."""
_base_ = ['./dla34_anomaly_bdd100k_sample.py',
          '../../../configs/_base_/models/bdd_anomaly_dirichlet_head.py']
from bdd100k_zoo.config_edits.anomaly import dirichlet_prior_network  # noqa: E402
train_pipeline, train_dataloader, model = dirichlet_prior_network(_base_)
