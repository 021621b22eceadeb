"""Task piece ``det_task`` of the DLA-34 experiments (Tables 7-9): detection (10 classes) by the
tracker's own Faster R-CNN, "a modified version of Faster R-CNN with a shared DLA-34 backbone" (the
paper, section 5.2): the detector of ``task_mot_qdtrack_dla34_fpn.py`` with the 10 det classes and
the det data, loaders and metric of the zoo's det 1x recipe (det_20 at 1280x720, 4 images per GPU).
"""
_base_ = ['./task_mot_qdtrack_dla34_fpn.py',
          '../models/bdd100k_faster_rcnn_r50_fpn_det.py',
          '../recipes/det_1x.py']
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
_detector = _base_.mot_task.model.detector
_detector.roi_head.bbox_head.num_classes = 10
_base_.model = dict(_detector, data_preprocessor=_base_.model.data_preprocessor)
det_task = as_task(_base_)
del _detector
