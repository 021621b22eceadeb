"""``dla34_512x1024_80k_bdd_anomaly.py`` plus the Real-NVP flow NLL (primary;
``bdd_anomaly_flow_score.py``) of the decode head's classifier input, fitted by ``bdd100k-zoo
anomaly fit``."""
_base_ = ['./dla34_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_flow_score.py']
stats_file = 'work_dirs/dla34_512x1024_80k_bdd_anomaly/flow_stats.pth'
model = dict(scores=dict(flow=dict(_base_.pop('flow_score'), stats_file=stats_file)),
             primary='flow')
