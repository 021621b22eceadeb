"""``dla34_512x1024_80k_bdd_anomaly.py`` plus MC dropout (primary: mutual information; and the
predictive entropy; ``bdd_anomaly_mcdropout_scores.py``) over 8 passes with the decode head's
dropout on."""
_base_ = ['./dla34_512x1024_80k_bdd_anomaly.py',
          '../../../configs/_base_/models/bdd_anomaly_mcdropout_scores.py']
model = dict(scores=_base_.pop('mcdropout_scores'),
             primary='mc_mi')
