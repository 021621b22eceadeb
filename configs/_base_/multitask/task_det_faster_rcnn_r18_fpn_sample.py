"""Task piece ``det_task`` of the CPU sample: the zoo's det sample config
(``faster_rcnn_r18_fpn_det_bdd100k_sample.py``: Faster R-CNN R-18-FPN from scratch, 640x360, 4
images per batch, on data/bdd100k_sample) as one task of a multitask config."""
_base_ = '../../../det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
det_task = as_task(_base_)
