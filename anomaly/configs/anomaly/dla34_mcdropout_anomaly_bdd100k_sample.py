"""``dla34_anomaly_bdd100k_sample.py`` plus MC dropout (primary: mutual information; and the
predictive entropy) over 4 passes with the decode head's dropout (p = 0.1) on; the backbone and
neck run once (the only dropout is in the head).
"""
_base_ = './dla34_anomaly_bdd100k_sample.py'
model = dict(scores=dict(
    mc_mi=dict(type='BDD100KMCDropoutScore', passes=4, output='mutual_information'),
    mc_pe=dict(type='BDD100KMCDropoutScore', passes=4, output='predictive_entropy')),
    primary='mc_mi')
