"""``dla34_512x1024_80k_bdd_anomaly.py``
plus the Real-NVP flow NLL (primary; Fishyscapes section 4.2) of the decode
head's classifier input minus its mean training NLL, the flow fitted by ``bdd100k-zoo anomaly fit``
on 1,000,000 training features. Several layers: list them in ``layers`` (minimum NLL).
"""
_base_ = './dla34_512x1024_80k_bdd_anomaly.py'
stats_file = 'work_dirs/dla34_512x1024_80k_bdd_anomaly/flow_stats.pth'
model = dict(scores=dict(flow=dict(type='BDD100KFlowScore', layers=('decode_head.conv_seg:in',),
                                   stats_file=stats_file, couplings=8, epochs=10,
                                   reservoir=1000000)),
             primary='flow')
