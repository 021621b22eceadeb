"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py`` plus the Real-NVP flow NLL (primary), as
``dla34_flow_512x1024_80k_bdd_anomaly.py``."""
_base_ = ['./pspnet_r50-d8_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_flow_score.py']
stats_file = 'work_dirs/pspnet_r50-d8_512x1024_80k_bdd_anomaly/flow_stats.pth'
model = dict(scores=dict(flow=dict(_base_.pop('flow_score'), stats_file=stats_file)),
             primary='flow')
