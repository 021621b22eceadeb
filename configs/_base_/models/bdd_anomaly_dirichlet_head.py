"""The Dirichlet prior network (Fishyscapes section 4.1) as data, for an anomaly config to apply to
its segmentor: the decode head trained with ``BDD100KDirichletPriorLoss`` (known pixels: a sharp
Dirichlet, concentration 100, smoothing 0.01; pixels labelled ``out_label`` by
``BDD100KRelabelVoid``: the flat ``Dir(1, ..., 1)``), scored by the Dirichlet's differential
entropy. A config lists this file after its parent and applies it with
``dirichlet_prior_network(_base_)`` (``bdd100k_zoo/config_edits/anomaly.py``: ``relabel_out``
before the packing step of its training pipeline, ``model = dirichlet_head``), which takes the
helpers ``dirichlet_head``, ``dirichlet_loss`` and ``relabel_out`` out; ``out_label`` stays a
setting of the config."""
out_label = 254
dirichlet_loss = dict(type='BDD100KDirichletPriorLoss', concentration=100.0, smoothing=0.01,
                      out_label=out_label)
relabel_out = dict(type='BDD100KRelabelVoid', value=out_label)
dirichlet_head = dict(
    segmentor=dict(decode_head=dict(loss_decode=dict(dirichlet_loss, _delete_=True))),
    scores=dict(_delete_=True, dirichlet=dict(type='BDD100KDirichletEntropyScore')),
    primary='dirichlet')
