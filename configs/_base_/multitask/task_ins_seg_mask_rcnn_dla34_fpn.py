"""Task piece ``ins_seg_task`` of the DLA-34 experiments (Table 9): the zoo's ins_seg Mask R-CNN
1x config (8 classes, ins_seg train at 1280x720, 2 images per GPU; official mask and box AP) on the
DLA-34 backbone and FPN of the tracker of ``task_mot_qdtrack_dla34_fpn.py``. Its detector has the
modules and shapes of the MOTS model's (``task_mots_qdtrack_mrcnn_dla34_fpn.py``), so that its
weights start the "InstSeg (I) + MOTS" row of Table 9."""
_base_ = ['./task_mot_qdtrack_dla34_fpn.py',
          '../../../ins_seg/configs/ins_seg/mask_rcnn_r50_fpn_1x_ins_seg_bdd100k.py']
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
_base_.model.backbone = _base_.mot_task.model.detector.backbone
_base_.model.neck = _base_.mot_task.model.detector.neck
ins_seg_task = as_task(_base_)
