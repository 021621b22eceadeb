"""The det side's adapter of ``bdd100k-zoo infer``: det and ins_seg predictions are the frames of
their metrics (``to_frame``), which the generic adapter writes."""
from ..inference.tasks import TaskAdapter, register_adapter

register_adapter('det', 'ins_seg')(TaskAdapter)
