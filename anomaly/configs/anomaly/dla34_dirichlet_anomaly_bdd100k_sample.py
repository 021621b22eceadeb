"""``dla34_anomaly_bdd100k_sample.py`` as a Dirichlet prior network
(``bdd_anomaly_dirichlet_head.py``), sized for a CPU: the head's 19 logits give the
concentrations ``exp(z)``; the sample's unlabelled pixels, relabelled 254 by
``BDD100KRelabelVoid`` after the crop and flip, train the flat ``Dir(1, ..., 1)``. Not a
published model."""
_base_ = ['./dla34_anomaly_bdd100k_sample.py',
          '../../../configs/_base_/models/bdd_anomaly_dirichlet_head.py']
train_pipeline = [*_base_.train_pipeline[:-1], _base_.relabel_out, _base_.train_pipeline[-1]]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = _base_.dirichlet_head
del _base_.dirichlet_head, _base_.dirichlet_loss, _base_.relabel_out
