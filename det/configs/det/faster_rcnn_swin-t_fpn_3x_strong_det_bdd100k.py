"""Faster R-CNN with a Swin-T backbone, 3x schedule (AdamW), strong augmentation (mosaic, mixup,
random resize and crop, photometric distortion; off for the last 9 epochs), 8 GPUs x 2 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_faster_rcnn_swin-t_fpn_det.py',
          '../../../configs/_base_/recipes/det_strong_adamw_3x.py']

train_dataloader = dict(batch_size=2, num_workers=2)
auto_scale_lr = dict(base_batch_size=16)
