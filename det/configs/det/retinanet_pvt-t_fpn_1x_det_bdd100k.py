"""RetinaNet with a PVT-Tiny backbone, 1x schedule (AdamW lr 1e-4, weight decay 1e-4), 8 GPUs x 2
images.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_retinanet_pvt-t_fpn_det.py',
    '../../../configs/_base_/datasets/bdd100k_det.py',
    '../../../configs/_base_/schedules/bdd100k_det_1x.py',
    '../../../configs/_base_/runtimes/det.py',
]

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.0001, weight_decay=0.0001))
train_dataloader = dict(batch_size=2, num_workers=2)
auto_scale_lr = dict(base_batch_size=16)
