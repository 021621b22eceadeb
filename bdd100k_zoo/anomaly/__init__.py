"""Per-pixel anomaly (out-of-distribution) scores for any segmentor, their statistics and fitting.

Shared part: torch, numpy, scipy and mmengine only. :mod:`.scores`, :mod:`.smoothing` and
:mod:`.dirichlet` are pure functions; :mod:`.modules` holds the score modules a config names (the
seg side registers them), :mod:`.statsfile` and :mod:`.fit` the statistics that SML, kNN and flow
scores read. Every score map is float32 and higher means more anomalous.
"""
