"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py``
plus MC dropout (Fishyscapes eq. 1-2) over 8 passes with the decode head's
dropout on: mutual information (primary) and predictive entropy; the backbone and neck run once
when every dropout layer is in the decode head.
"""
_base_ = './pspnet_r50-d8_512x1024_80k_bdd_anomaly.py'
model = dict(scores=dict(
    mc_mi=dict(type='BDD100KMCDropoutScore', passes=8, output='mutual_information'),
    mc_pe=dict(type='BDD100KMCDropoutScore', passes=8, output='predictive_entropy')),
    primary='mc_mi')
