"""``dla34_anomaly_bdd100k_sample.py`` plus Standardized Max Logit (primary), as
``dla34_sml_512x1024_80k_bdd_anomaly.py``."""
_base_ = './dla34_anomaly_bdd100k_sample.py'
stats_file = 'work_dirs/dla34_anomaly_bdd100k_sample/sml_stats.pth'
model = dict(scores=dict(sml=dict(type='BDD100KSMLScore', stats_file=stats_file)),
             primary='sml')
