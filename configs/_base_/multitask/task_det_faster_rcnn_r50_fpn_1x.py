"""Task piece ``det_task`` (Table 6): the zoo's det Faster R-CNN R-50-FPN 1x config (10 classes,
det_20 train at 1280x720, 4 images per GPU; scored on det_20 val by the official box AP) as one
task of a multitask config: its model, loaders and metric (built under the config's default
scope, mmdet)."""
_base_ = '../../../det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
det_task = as_task(_base_)
