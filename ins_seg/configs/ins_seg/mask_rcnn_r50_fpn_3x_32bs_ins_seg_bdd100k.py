"""Mask R-CNN R-50-FPN, 3x schedule, multi-scale training, 8 GPUs x 4 images (same lr 0.04).
"""
_base_ = './mask_rcnn_r50_fpn_3x_ins_seg_bdd100k.py'

train_dataloader = dict(batch_size=4, num_workers=4)
auto_scale_lr = dict(base_batch_size=32)
