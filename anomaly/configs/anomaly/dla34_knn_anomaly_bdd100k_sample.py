"""``dla34_anomaly_bdd100k_sample.py`` plus the kNN distance (primary) of the decode head's last
features (the classifier's input) to a bank of 10,000 training features (cosine, k = 3), written by
``bdd100k-zoo anomaly fit``.
"""
_base_ = './dla34_anomaly_bdd100k_sample.py'
stats_file = 'work_dirs/dla34_anomaly_bdd100k_sample/knn_stats.pth'
model = dict(scores=dict(knn=dict(type='BDD100KKNNScore', layer='decode_head.conv_seg:in',
                                  stats_file=stats_file, k=3, metric='cosine',
                                  bank_size=10000)),
             primary='knn')
