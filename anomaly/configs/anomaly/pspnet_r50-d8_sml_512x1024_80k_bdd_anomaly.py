"""``pspnet_r50-d8_512x1024_80k_bdd_anomaly.py`` plus Standardized Max Logit (primary), as
``dla34_sml_512x1024_80k_bdd_anomaly.py``."""
_base_ = './pspnet_r50-d8_512x1024_80k_bdd_anomaly.py'
stats_file = 'work_dirs/pspnet_r50-d8_512x1024_80k_bdd_anomaly/sml_stats.pth'
model = dict(scores=dict(sml=dict(type='BDD100KSMLScore', stats_file=stats_file)),
             primary='sml')
