"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py``
plus the kNN distance (primary) of the decode head's classifier input to a
bank of 100,000 training features from 500 training images (k = 3, cosine; the defaults of
dense-ood-knns, Galesso et al.), written by ``bdd100k-zoo anomaly fit ... --max-images 500``.
"""
_base_ = './pspnet_r50-d8_512x1024_80k_bdd_anomaly.py'
stats_file = 'work_dirs/pspnet_r50-d8_512x1024_80k_bdd_anomaly/knn_stats.pth'
model = dict(scores=dict(knn=dict(type='BDD100KKNNScore', layer='decode_head.conv_seg:in',
                                  stats_file=stats_file, k=3, metric='cosine',
                                  bank_size=100000)),
             primary='knn')
