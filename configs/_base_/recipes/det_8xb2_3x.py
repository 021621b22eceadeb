"""``det_3x.py`` (multi-scale training) with 8 GPUs x 2 images, the batch the lr is given for."""
_base_ = './det_3x.py'

train_dataloader = dict(batch_size=2, num_workers=2)
auto_scale_lr = dict(base_batch_size=16)
