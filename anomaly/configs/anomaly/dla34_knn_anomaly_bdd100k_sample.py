"""``dla34_anomaly_bdd100k_sample.py`` plus the kNN distance (primary;
``bdd_anomaly_knn_score.py``) to a bank of 10,000 training features, written to ``stats_file``
by ``bdd100k-zoo anomaly fit``."""
_base_ = ['./dla34_anomaly_bdd100k_sample.py',
          '../../../configs/_base_/models/bdd_anomaly_knn_score.py']
stats_file = 'work_dirs/dla34_anomaly_bdd100k_sample/knn_stats.pth'
model = dict(scores=dict(knn=dict(_base_.pop('knn_score'), stats_file=stats_file, bank_size=10000)),
             primary='knn')
