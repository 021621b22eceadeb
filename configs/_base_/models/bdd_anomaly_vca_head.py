"""The class-agnostic open-set head of the VCA paper (Siam et al., section 4.3) as data, for a void
classifier config to apply: ``BDD100KOpenSetPrototypeHead`` in place of the decode head's 1x1
classifier (its ``head`` is the config's decode head with the known classes), the auxiliary pixel
contrastive loss (weight 0.1, temperature 0.1, 256 pixels per class), scored by the unknown
probability (CA-IoU: the pixels whose argmax is unknown). A config applies it with ``model =
open_set_head(_base_)`` (``bdd100k_zoo/config_edits/anomaly.py``), which takes the helper out."""
vca_head = dict(
    segmentor=dict(decode_head=dict(
        _delete_=True,
        type='BDD100KOpenSetPrototypeHead',
        contrastive_loss=dict(type='BDD100KPixelContrastiveLoss', temperature=0.1,
                              max_per_class=256, loss_weight=0.1))),
    scores=dict(_delete_=True, unknown=dict(type='BDD100KUnknownScore')),
    primary='unknown')
