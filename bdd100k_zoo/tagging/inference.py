"""The tagging side's adapter of ``bdd100k-zoo infer``: a frame of attributes per image, the
frame of the metric (``to_frame``), which the generic adapter writes."""
from ..inference.tasks import TaskAdapter, register_adapter

register_adapter('tagging')(TaskAdapter)
