"""Faster R-CNN with a Swin-T backbone, 1x schedule (AdamW), 8 GPUs x 2 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_faster_rcnn_swin-t_fpn_det.py',
          '../../../configs/_base_/recipes/det_adamw_1x.py']

train_dataloader = dict(batch_size=2, num_workers=2)
auto_scale_lr = dict(base_batch_size=16)
