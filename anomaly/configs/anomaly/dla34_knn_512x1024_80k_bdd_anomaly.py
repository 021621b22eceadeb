"""``dla34_512x1024_80k_bdd_anomaly.py`` plus the kNN distance (primary;
``bdd_anomaly_knn_score.py``) to the bank ``bdd100k-zoo anomaly fit ... --max-images 500``
writes to ``stats_file``."""
_base_ = ['./dla34_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_knn_score.py']
stats_file = 'work_dirs/dla34_512x1024_80k_bdd_anomaly/knn_stats.pth'
model = dict(scores=dict(knn=dict(_base_.pop('knn_score'), stats_file=stats_file)), primary='knn')
