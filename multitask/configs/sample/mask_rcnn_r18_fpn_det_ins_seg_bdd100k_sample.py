"""CPU sample, det + ins_seg in batch-level round robin (Table 6's experiment on the sample):
``faster_rcnn_r18_fpn_det_alone_bdd100k_sample.py`` plus the ins_seg sample task, sharing what
Table 6's config shares (the R-18 backbone, the FPN, the RPN head and the box head's shared fully
connected layers; each task keeps its classifier and regressor, ins_seg its mask head). Ratio 1:1;
160 iterations, the sample schedule stretched over the cycle of two batches, so that each task gets
the 80 batches of its alone config at the same learning rates; seed 0. Not a published model."""
_base_ = ['./faster_rcnn_r18_fpn_det_alone_bdd100k_sample.py',
          '../../../configs/_base_/multitask/task_ins_seg_mask_rcnn_r18_fpn_sample.py']
from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
(model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
 train_cfg, param_scheduler) = add_tasks(_base_, 'ins_seg', ratio=dict(det=1, ins_seg=1), shared=[
    'backbone', 'neck', 'rpn_head', 'roi_head.bbox_head.shared_fcs'])
