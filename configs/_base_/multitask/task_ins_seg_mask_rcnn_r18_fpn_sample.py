"""Task piece ``ins_seg_task`` of the CPU sample: the zoo's ins_seg sample config
(``mask_rcnn_r18_fpn_ins_seg_bdd100k_sample.py``: Mask R-CNN R-18-FPN from scratch, 640x360, 4
images per batch, on data/bdd100k_sample) as one task of a multitask config. Its backbone, neck
and RPN head have the shapes of the det sample's (``task_det_faster_rcnn_r18_fpn_sample.py``)."""
_base_ = '../../../ins_seg/configs/ins_seg/mask_rcnn_r18_fpn_ins_seg_bdd100k_sample.py'
ins_seg_task = {key: _base_.pop(key)
                for key in ('model', 'train_dataloader', 'val_dataloader', 'val_evaluator')}
_base_.clear()
