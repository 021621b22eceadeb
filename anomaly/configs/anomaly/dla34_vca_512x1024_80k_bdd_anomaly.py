"""``dla34_void_512x1024_80k_bdd_anomaly.py`` with the class-agnostic open-set head of the VCA
paper (Siam et al., section 4.3) instead of the 1x1 classifier: distance logits to 17 learnable
class prototypes of the head's 256-wide embeddings plus a learnable unknown logit, the unknown
class trained on the unlabelled pixels (relabelled 17), and the auxiliary pixel contrastive loss
on a projection head (weight 0.1, temperature 0.1, 256 pixels per class; drop it with
``--cfg-options model.segmentor.decode_head.contrastive_loss=None``). Anomaly score: the unknown
probability; CA-IoU: the pixels whose argmax is unknown. No published weights.
"""
_base_ = './dla34_void_512x1024_80k_bdd_anomaly.py'
model = dict(
    segmentor=dict(decode_head=dict(
        _delete_=True,
        type='BDD100KOpenSetPrototypeHead',
        head=dict(_base_.model.segmentor.decode_head, num_classes=_base_.void_label),
        contrastive_loss=dict(type='BDD100KPixelContrastiveLoss', temperature=0.1,
                              max_per_class=256, loss_weight=0.1))),
    scores=dict(_delete_=True, unknown=dict(type='BDD100KUnknownScore')),
    primary='unknown')
