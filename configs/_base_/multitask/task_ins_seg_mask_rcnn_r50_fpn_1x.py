"""Task piece ``ins_seg_task`` (Table 6): the zoo's ins_seg Mask R-CNN R-50-FPN 1x config (8
classes, ins_seg train at 1280x720, 2 images per GPU; scored on ins_seg val by the official mask and
box AP) as one task of a multitask config (built under the default scope, mmdet)."""
_base_ = '../../../ins_seg/configs/ins_seg/mask_rcnn_r50_fpn_1x_ins_seg_bdd100k.py'
ins_seg_task = {key: _base_.pop(key)
                for key in ('model', 'train_dataloader', 'val_dataloader', 'val_evaluator')}
_base_.clear()
