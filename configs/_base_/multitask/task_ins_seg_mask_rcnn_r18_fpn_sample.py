"""Task piece ``ins_seg_task`` of the CPU sample: the zoo's ins_seg sample config
(``mask_rcnn_r18_fpn_ins_seg_bdd100k_sample.py``: Mask R-CNN R-18-FPN from scratch, 640x360, 4
images per batch, on data/bdd100k_sample) as one task of a multitask config. Its backbone, neck
and RPN head have the shapes of the det sample's (``task_det_faster_rcnn_r18_fpn_sample.py``)."""
_base_ = '../../../ins_seg/configs/ins_seg/mask_rcnn_r18_fpn_ins_seg_bdd100k_sample.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
ins_seg_task = as_task(_base_)
