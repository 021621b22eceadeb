"""``dla34_anomaly_bdd100k_sample.py`` plus MC dropout (primary: mutual information; and the
predictive entropy; ``bdd_anomaly_mcdropout_scores.py``) over 4 passes with the decode head's
dropout (p = 0.1) on (the only dropout: the backbone and neck run once)."""
_base_ = ['./dla34_anomaly_bdd100k_sample.py',
          '../../../configs/_base_/models/bdd_anomaly_mcdropout_scores.py']
model = dict(scores={name: dict(score, passes=4)
                     for name, score in _base_.pop('mcdropout_scores').items()},
             primary='mc_mi')
