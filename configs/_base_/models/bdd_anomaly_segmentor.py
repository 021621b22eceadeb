"""The anomaly wrapper of a segmentor as data: ``BDD100KAnomalySegmentor`` with every post-hoc logit
score (max logit primary, max softmax, entropy, energy). An anomaly config lists this file among its
bases and wraps its segmentor with ``model = anomaly_segmentor(_base_, ...)``
(``bdd100k_zoo/config_edits/anomaly.py``), which takes the helper out."""
anomaly_segmentor = dict(
    type='BDD100KAnomalySegmentor',
    scores=dict(
        max_logit=dict(type='BDD100KMaxLogitScore'),
        msp=dict(type='BDD100KMaxSoftmaxScore'),
        entropy=dict(type='BDD100KEntropyScore'),
        energy=dict(type='BDD100KEnergyScore', temperature=1.0)),
    primary='max_logit')
