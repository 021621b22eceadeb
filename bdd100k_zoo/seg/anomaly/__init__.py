"""mmseg side of anomaly segmentation: the BDD-Anomaly dataset, its transforms and metric
(registered on import), and the wrapper that adds per-pixel anomaly scores to any zoo segmentor."""
from . import datasets, metric, transforms  # noqa: F401  (register)
