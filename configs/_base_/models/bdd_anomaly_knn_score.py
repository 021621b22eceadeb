"""The kNN distance score as data, for an anomaly config to add to its scores with its
``stats_file``: the decode head's classifier input against a bank of 100,000 training features
(k = 3, cosine: the defaults of dense-ood-knns, Galesso et al.), written by ``bdd100k-zoo anomaly
fit ... --max-images 500`` (500 training images). The config takes the helper
out (``_base_.pop('knn_score')``)."""
knn_score = dict(type='BDD100KKNNScore', layer='decode_head.conv_seg:in', k=3, metric='cosine',
                 bank_size=100000)
