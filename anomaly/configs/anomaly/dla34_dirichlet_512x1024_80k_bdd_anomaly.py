"""``dla34_512x1024_80k_bdd_anomaly.py`` as a Dirichlet prior network (Fishyscapes section 4.1):
the head's 17 logits give concentrations ``exp(z)``, trained with ``BDD100KDirichletPriorLoss``
(known pixels: a sharp Dirichlet, concentration 100, smoothing 0.01; the pixels BDD-Anomaly leaves
unlabelled, relabelled 254 by ``BDD100KRelabelVoid`` after the crop and flip: the flat
``Dir(1, ..., 1)``). Anomaly score: the Dirichlet's differential entropy. No published weights.
"""
_base_ = './dla34_512x1024_80k_bdd_anomaly.py'
out_label = 254
train_pipeline = [*_base_.train_pipeline[:-1], dict(type='BDD100KRelabelVoid', value=out_label),
                  _base_.train_pipeline[-1]]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(
    segmentor=dict(decode_head=dict(loss_decode=dict(
        _delete_=True, type='BDD100KDirichletPriorLoss', concentration=100.0, smoothing=0.01,
        out_label=out_label))),
    scores=dict(_delete_=True, dirichlet=dict(type='BDD100KDirichletEntropyScore')),
    primary='dirichlet')
