"""``dla34_anomaly_bdd100k_sample.py`` plus the Real-NVP flow NLL (primary;
``bdd_anomaly_flow_score.py``) of the features of two layers (the decode head's classifier input
and the neck's output), combined by their minimum; flows fitted for 5 epochs on 100,000 training
features per layer."""
_base_ = ['./dla34_anomaly_bdd100k_sample.py',
          '../../../configs/_base_/models/bdd_anomaly_flow_score.py']
stats_file = 'work_dirs/dla34_anomaly_bdd100k_sample/flow_stats.pth'
model = dict(scores=dict(flow=dict(_base_.pop('flow_score'), stats_file=stats_file, epochs=5,
                                   layers=('decode_head.conv_seg:in', 'neck:out'),
                                   reservoir=100000)),
             primary='flow')
