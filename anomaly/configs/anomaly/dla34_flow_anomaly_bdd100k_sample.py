"""``dla34_anomaly_bdd100k_sample.py`` plus the Real-NVP flow NLL (primary) of the features of two
layers (the decode head's classifier input and the neck's output), each minus its mean training
NLL, combined by their minimum (Fishyscapes section 4.2); flows fitted by ``bdd100k-zoo anomaly
fit`` on 100,000 training features per layer.
"""
_base_ = './dla34_anomaly_bdd100k_sample.py'
stats_file = 'work_dirs/dla34_anomaly_bdd100k_sample/flow_stats.pth'
model = dict(scores=dict(flow=dict(type='BDD100KFlowScore',
                                   layers=('decode_head.conv_seg:in', 'neck:out'),
                                   stats_file=stats_file, couplings=8, epochs=5,
                                   reservoir=100000)),
             primary='flow')
