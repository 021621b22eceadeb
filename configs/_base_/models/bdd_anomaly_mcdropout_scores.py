"""MC dropout (Fishyscapes eq. 1-2) as data, for an anomaly config to add to its scores: 8 passes
with the dropout layers on, giving the mutual information and the predictive entropy; the backbone
and neck run once when every dropout layer is in the decode head. The config takes the helper
out (``_base_.pop('mcdropout_scores')``)."""
mcdropout_scores = dict(
    mc_mi=dict(type='BDD100KMCDropoutScore', passes=8, output='mutual_information'),
    mc_pe=dict(type='BDD100KMCDropoutScore', passes=8, output='predictive_entropy'))
