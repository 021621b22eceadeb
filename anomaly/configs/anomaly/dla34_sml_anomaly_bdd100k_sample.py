"""``dla34_anomaly_bdd100k_sample.py`` plus Standardized Max Logit (primary): per-class max-logit
statistics from ``bdd100k-zoo anomaly fit`` (written to ``stats_file``), boundary suppression
(width 4, 4 iterations) and dilated smoothing (7x7 Gaussian, sigma 1, dilation 6) as Jung et al.
"""
_base_ = './dla34_anomaly_bdd100k_sample.py'
stats_file = 'work_dirs/dla34_anomaly_bdd100k_sample/sml_stats.pth'
model = dict(scores=dict(sml=dict(type='BDD100KSMLScore', stats_file=stats_file)),
             primary='sml')
