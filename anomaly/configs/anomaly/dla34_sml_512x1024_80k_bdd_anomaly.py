"""``dla34_512x1024_80k_bdd_anomaly.py`` plus Standardized Max Logit (primary; Jung et al., ICCV
2021): per-class max-logit statistics of every training pixel from ``bdd100k-zoo anomaly fit``,
boundary suppression (width 4, 4 iterations), dilated smoothing (7x7 Gaussian, sigma 1, dilation
6)."""
_base_ = './dla34_512x1024_80k_bdd_anomaly.py'
stats_file = 'work_dirs/dla34_512x1024_80k_bdd_anomaly/sml_stats.pth'
model = dict(scores=dict(sml=dict(type='BDD100KSMLScore', stats_file=stats_file)),
             primary='sml')
