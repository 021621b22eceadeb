"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py`` as a Dirichlet prior network (Fishyscapes
section 4.1): the 17 logits of both heads give concentrations ``exp(z)``, trained with
``BDD100KDirichletPriorLoss`` (the auxiliary head's weighted 0.4, as its cross entropy was; known
pixels: a sharp Dirichlet, concentration 100, smoothing 0.01; the pixels BDD-Anomaly leaves
unlabelled, relabelled 254 by ``BDD100KRelabelVoid`` after the crop and flip: the flat
``Dir(1, ..., 1)``). Anomaly score: the Dirichlet's differential entropy. No published weights.
"""
_base_ = './pspnet_r50-d8_512x1024_80k_bdd_anomaly.py'
out_label = 254
train_pipeline = [*_base_.train_pipeline[:-1], dict(type='BDD100KRelabelVoid', value=out_label),
                  _base_.train_pipeline[-1]]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
dirichlet_loss = dict(type='BDD100KDirichletPriorLoss', concentration=100.0, smoothing=0.01,
                      out_label=out_label)
model = dict(
    segmentor=dict(
        decode_head=dict(loss_decode=dict(dirichlet_loss, _delete_=True)),
        auxiliary_head=dict(loss_decode=dict(dirichlet_loss, _delete_=True, loss_weight=0.4))),
    scores=dict(_delete_=True, dirichlet=dict(type='BDD100KDirichletEntropyScore')),
    primary='dirichlet')
