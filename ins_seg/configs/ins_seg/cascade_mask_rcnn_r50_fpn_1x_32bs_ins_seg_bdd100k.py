"""Cascade Mask R-CNN R-50-FPN, 1x schedule, 8 GPUs x 4 images with SGD lr 0.04 (0.02 per 16 images, as
the 2-image configs).
"""
_base_ = './cascade_mask_rcnn_r50_fpn_1x_ins_seg_bdd100k.py'

train_dataloader = dict(batch_size=4, num_workers=4)
optim_wrapper = dict(optimizer=dict(lr=0.04))
auto_scale_lr = dict(base_batch_size=32)
