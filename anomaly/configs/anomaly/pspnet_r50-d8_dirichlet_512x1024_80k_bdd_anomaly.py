"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py`` as a Dirichlet prior network
(``bdd_anomaly_dirichlet_head.py``): the 17 logits of both heads give the concentrations
``exp(z)``, the auxiliary head's loss weighted 0.4 as its cross entropy was; the pixels BDD-
Anomaly leaves unlabelled, relabelled 254 by ``BDD100KRelabelVoid`` after the crop and flip,
train the flat ``Dir(1, ..., 1)``. No published weights."""
_base_ = ['./pspnet_r50-d8_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_dirichlet_head.py']
train_pipeline = [*_base_.train_pipeline[:-1], _base_.relabel_out, _base_.train_pipeline[-1]]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = _base_.dirichlet_head
# the auxiliary head's loss weighted 0.4, as its cross entropy was
model.segmentor.auxiliary_head = dict(
    loss_decode=dict(_base_.dirichlet_loss, _delete_=True, loss_weight=0.4))
del _base_.dirichlet_head, _base_.relabel_out
