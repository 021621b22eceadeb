"""Faster R-CNN with an HRNetV2p-W32 backbone and HRFPN, 3x schedule (SGD lr 0.02), multi-scale
training, 8 GPUs x 2 images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_faster_rcnn_r50_fpn_det.py',
    '../../../configs/_base_/models/bdd100k_hrnet_backbones.py',
    '../../../configs/_base_/datasets/bdd100k_det_mstrain.py',
    '../../../configs/_base_/schedules/bdd100k_det_3x.py',
    '../../../configs/_base_/runtimes/det.py',
]

model = _base_.hrnetv2p_w32
optim_wrapper = dict(optimizer=dict(lr=0.02))
train_dataloader = dict(batch_size=2, num_workers=2)
auto_scale_lr = dict(base_batch_size=16)
