"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py`` plus the kNN distance (primary), as
``dla34_knn_512x1024_80k_bdd_anomaly.py``."""
_base_ = ['./pspnet_r50-d8_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_knn_score.py']
stats_file = 'work_dirs/pspnet_r50-d8_512x1024_80k_bdd_anomaly/knn_stats.pth'
model = dict(scores=dict(knn=dict(_base_.pop('knn_score'), stats_file=stats_file)), primary='knn')
