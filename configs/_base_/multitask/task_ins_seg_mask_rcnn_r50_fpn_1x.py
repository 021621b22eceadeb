"""Task piece ``ins_seg_task`` (Table 6): the zoo's ins_seg Mask R-CNN R-50-FPN 1x config (8
classes, ins_seg train at 1280x720, 2 images per GPU; scored on ins_seg val by the official mask and
box AP) as one task of a multitask config (built under the default scope, mmdet)."""
_base_ = '../../../ins_seg/configs/ins_seg/mask_rcnn_r50_fpn_1x_ins_seg_bdd100k.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
ins_seg_task = as_task(_base_)
